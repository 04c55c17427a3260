using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Scale.Functions.Infrastructure.Telemetry;
using Scale.Functions.Tests.Support;

namespace Scale.Functions.Tests.Deployment;

/// <summary>
/// Alerts, the workbook and the SLO queries name only what the app emits (TelemetryNames), and what TelemetryNames
/// lists is still written by the code. A renamed log message or function breaks a dashboard silently in Azure;
/// here it breaks the build.
/// </summary>
public partial class TelemetryQueryTests
{
    /// <summary>Tables the queries may read: the host's requests, the app's traces, the availability test.</summary>
    private static readonly string[] AllowedTables = ["requests", "traces", "availabilityResults"];

    private static readonly string[] KnownTables =
        ["requests", "traces", "availabilityResults", "dependencies", "exceptions", "customEvents", "customMetrics", "pageViews", "performanceCounters"];

    public static TheoryData<string> Queries()
    {
        var data = new TheoryData<string>();
        foreach (var (source, _) in AllQueries()) data.Add(source);
        return data;
    }

    /// <summary>(where it comes from, KQL): the alert query files, every workbook query, every SLO query in docs.</summary>
    private static IEnumerable<(string Source, string Query)> AllQueries()
    {
        var root = RepoPaths.Root;
        foreach (var file in Directory.GetFiles(Path.Combine(root, "infra", "monitoring", "queries"), "*.kql").Order())
            yield return ($"queries/{Path.GetFileName(file)}", File.ReadAllText(file));
        var workbook = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "infra", "monitoring", "workbook.json")))!;
        foreach (var item in workbook["items"]!.AsArray())
            if (item!["content"]?["query"] is JsonNode query)
                yield return ($"workbook.json#{item["name"]}", query.ToString());
        var slo = Path.Combine(root, "docs", "operations", "slo.md");
        if (File.Exists(slo))
        {
            var blocks = KqlBlock().Matches(File.ReadAllText(slo));
            for (var i = 0; i < blocks.Count; i++) yield return ($"slo.md#{i + 1}", blocks[i].Groups[1].Value);
        }
    }

    private static string QueryFrom(string source) => AllQueries().Single(q => q.Source == source).Query;

    [Fact]
    public void There_are_queries_for_every_alert_and_workbook_panel()
    {
        Assert.True(AllQueries().Count(q => q.Source.StartsWith("queries/", StringComparison.Ordinal)) >= 5);
        Assert.True(AllQueries().Count(q => q.Source.StartsWith("workbook.json", StringComparison.Ordinal)) >= 8);
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public void Query_reads_only_tables_the_app_writes(string source)
    {
        var query = QueryFrom(source);
        foreach (Match word in Identifier().Matches(query))
            if (KnownTables.Contains(word.Value))
                Assert.True(AllowedTables.Contains(word.Value), $"{source} reads {word.Value}, which the app does not write");
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public void Query_reads_only_dimensions_the_app_writes(string source)
    {
        var allowed = TelemetryNames.Traces.SelectMany(t => t.Properties).Concat(TelemetryNames.LoggerProperties).ToHashSet();
        foreach (Match dimension in Dimension().Matches(QueryFrom(source)))
        {
            var name = dimension.Groups[1].Success ? dimension.Groups[1].Value : dimension.Groups[2].Value;
            Assert.True(allowed.Contains(name), $"{source} reads customDimensions.{name}, which no TelemetryNames signal carries");
        }
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public void Query_names_only_messages_and_functions_the_app_has(string source)
    {
        var query = QueryFrom(source);
        var templates = TelemetryNames.Traces.Select(t => t.Template).ToHashSet();
        foreach (Match literal in Literal().Matches(query))
            if (literal.Groups[1].Value.Contains('{', StringComparison.Ordinal))
                Assert.True(templates.Contains(literal.Groups[1].Value), $"{source}: \"{literal.Groups[1].Value}\" is not a TelemetryNames template");
        foreach (Match comparison in NameComparison().Matches(query))
            foreach (Match literal in Literal().Matches(comparison.Value))
                Assert.True(TelemetryNames.RequestNames.Contains(literal.Groups[1].Value), $"{source}: no function is named \"{literal.Groups[1].Value}\"");
    }

    [Fact]
    public void Every_listed_message_is_still_written_by_the_code()
    {
        var sources = Directory.GetFiles(Path.Combine(RepoPaths.Root, "Scale.Functions"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.EndsWith("TelemetryNames.cs", StringComparison.Ordinal))
            .Select(File.ReadAllText).ToList();
        foreach (var signal in TelemetryNames.Traces)
            Assert.True(sources.Any(s => s.Contains($"\"{signal.Template}\"", StringComparison.Ordinal)),
                $"{signal.Name}: no log call writes \"{signal.Template}\" any more; update TelemetryNames and the queries together");
        Assert.Contains(sources, s => s.Contains($"[Function(\"{TelemetryNames.StatementBlobFunction}\")]", StringComparison.Ordinal));
    }

    [Fact]
    public void The_workbook_deployed_is_the_file_in_the_repo()
    {
        var workbook = CompiledTemplate.OnlyOne("Microsoft.Insights/workbooks");
        var file = File.ReadAllText(Path.Combine(RepoPaths.Root, "infra", "monitoring", "workbook.json"));
        // loadTextContent compiles to a variable ($fxv#N) holding the file's text.
        var reference = Regex.Match(workbook.Properties!["serializedData"]!.ToString(), @"^\[variables\('(.+)'\)\]$");
        Assert.True(reference.Success, "the workbook's serializedData is not loaded from a file");
        Assert.Equal(file, workbook.Template["variables"]![reference.Groups[1].Value]!.ToString());
    }

    [Fact]
    public void Every_alert_query_file_is_deployed_as_an_alert()
    {
        var alerts = CompiledTemplate.Module("alerts").ToJsonString();
        foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Root, "infra", "monitoring", "queries"), "*.kql"))
            Assert.Contains(JsonValue.Create(File.ReadAllText(file))!.ToJsonString(), alerts, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"```kql\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex KqlBlock();

    [GeneratedRegex(@"\b[A-Za-z_][A-Za-z0-9_]*\b")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"customDimensions(?:\.([A-Za-z_][A-Za-z0-9_]*)|\[""([^""]+)""\])")]
    private static partial Regex Dimension();

    [GeneratedRegex(@"""([^""]*)""")]
    private static partial Regex Literal();

    [GeneratedRegex(@"\bname\s*(?:==|!=|in\s*\([^)]*\)|!in\s*\([^)]*\))\s*(?:""[^""]*"")?")]
    private static partial Regex NameComparison();
}
