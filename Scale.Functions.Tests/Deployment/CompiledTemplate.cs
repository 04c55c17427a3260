using System.Text.Json.Nodes;
using Scale.Functions.Tests.Support;

namespace Scale.Functions.Tests.Deployment;

/// <summary>One resource of the compiled ARM template, wherever it sits in the module tree.</summary>
/// <param name="Module">The module (nested deployment) path, e.g. "api" or "postgres/connectionString"; "" at the top.</param>
/// <param name="Symbol">Its Bicep symbolic name (languageVersion 2.0 templates) or its index.</param>
/// <param name="Template">The template that declares it (its parameters and variables resolve its expressions).</param>
public sealed record TemplateResource(string Module, string Symbol, JsonObject Node, JsonObject Template)
{
    public string Type => (string)Node["type"]!;
    public string Name => (string)Node["name"]!;
    public string? Scope => (string?)Node["scope"];
    public JsonNode? Properties => Node["properties"];
    public override string ToString() => $"{Type} '{Symbol}' in module '{Module}'";
}

/// <summary>
/// infra/main.bicep compiled by scripts/bicep.sh (scripts/test.sh runs it before the tests) to
/// TestResults/infra/main.json, or the file SCALE_BICEP_TEMPLATE names. The policy tests read what ARM would
/// deploy, not the Bicep source, so a module that slips a setting past review still fails them.
/// </summary>
public static class CompiledTemplate
{
    public const string PathVariable = "SCALE_BICEP_TEMPLATE";

    public static string PathOnDisk =>
        Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } path
            ? path
            : Path.Combine(RepoPaths.Root, "TestResults", "infra", "main.json");

    private static readonly Lazy<JsonObject> Root = new(Load);

    public static JsonObject Main => Root.Value;

    public static IReadOnlyList<TemplateResource> All() => Walk(Main, "").ToList();

    public static IEnumerable<TemplateResource> OfType(string type) =>
        All().Where(r => string.Equals(r.Type, type, StringComparison.OrdinalIgnoreCase));

    /// <summary>The one resource of a type; fails when there is none or several.</summary>
    public static TemplateResource OnlyOne(string type)
    {
        var found = OfType(type).ToList();
        Assert.True(found.Count == 1, $"expected exactly one {type} in the template, found {found.Count}");
        return found[0];
    }

    /// <summary>The template of a top-level module (nested deployment) by its symbolic name.</summary>
    public static JsonObject Module(string symbol) =>
        Main["resources"]![symbol]?["properties"]?["template"]?.AsObject()
        ?? throw new InvalidOperationException($"module '{symbol}' is not in the compiled template");

    private static JsonObject Load()
    {
        var path = PathOnDisk;
        if (!File.Exists(path))
            throw new FileNotFoundException(
                $"The compiled infra template is missing at {path}. Run scripts/bicep.sh first (scripts/test.sh does), " +
                $"or set {PathVariable} to a `bicep build infra/main.bicep` output.", path);
        return JsonNode.Parse(File.ReadAllText(path))!.AsObject();
    }

    private static IEnumerable<TemplateResource> Walk(JsonObject template, string module)
    {
        // languageVersion 2.0 keys resources by symbolic name; 1.0 (modules without imports or functions) lists them.
        var resources = template["resources"] switch
        {
            JsonObject byName => byName.Select(p => (p.Key, p.Value!.AsObject())),
            JsonArray list => list.Select((r, i) => (i.ToString(System.Globalization.CultureInfo.InvariantCulture), r!.AsObject())),
            _ => [],
        };
        foreach (var (symbol, node) in resources)
        {
            if ((bool?)node["existing"] == true) continue;
            var resource = new TemplateResource(module, symbol, node, template);
            yield return resource;
            if (resource.Type == "Microsoft.Resources/deployments" && node["properties"]?["template"] is JsonObject nested)
                foreach (var inner in Walk(nested, module.Length == 0 ? symbol : $"{module}/{symbol}"))
                    yield return inner;
        }
    }
}
