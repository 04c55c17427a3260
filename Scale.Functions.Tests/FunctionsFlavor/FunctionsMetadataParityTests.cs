using System.Reflection;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Scale.Functions.Api;
using Scale.Functions.Training;
using Scale.Functions.Triggers;

namespace Scale.Functions.Tests.FunctionsFlavor;

/// <summary>
/// The functions.metadata the Worker SDK generated — what the Functions host indexes and routes by — against the
/// shared route table and job list, in both directions: a route, blob path or timer added to one host only fails
/// here (the local host is held to the same tables by LocalHostRouteParityTests).
/// </summary>
public sealed class FunctionsMetadataParityTests
{
    private static readonly HashSet<string> CatchAlls = [ApiRoutes.Names.CorsPreflight, ApiRoutes.Names.UnmatchedRoute];

    private static readonly IReadOnlyList<IndexedFunction> Indexed = Load();

    [Fact]
    public void Every_api_route_is_an_http_function_with_the_same_template_and_method()
    {
        foreach (var route in ApiRoutes.All)
        {
            var function = Assert.Single(Indexed, f => f.Name == route.Name);
            Assert.Equal("httpTrigger", function.TriggerType);
            Assert.Equal(route.Template, function.Route);
            Assert.Equal([route.Method.ToLowerInvariant()], function.Methods);
            Assert.Equal("anonymous", function.AuthLevel); // our pipeline authenticates, not host keys
        }
    }

    [Fact]
    public void Every_http_function_is_an_api_route_or_a_catch_all()
    {
        var http = Indexed.Where(f => f.TriggerType == "httpTrigger").Select(f => f.Name).ToHashSet();
        var expected = ApiRoutes.All.Select(r => r.Name).Concat(CatchAlls).ToHashSet();
        Assert.Equal(expected.Order(), http.Order());
    }

    [Fact]
    public void The_catch_alls_take_every_method_on_any_path_between_them()
    {
        var catchAlls = Indexed.Where(f => CatchAlls.Contains(f.Name)).ToList();
        Assert.All(catchAlls, f => Assert.Equal(ApiRoutes.Templates.AnyPath, f.Route));
        Assert.Equal(["delete", "get", "head", "options", "patch", "post", "put"], catchAlls.SelectMany(f => f.Methods).Order());
        Assert.Equal(["options"], catchAlls.Single(f => f.Name == ApiRoutes.Names.CorsPreflight).Methods);
    }

    [Fact]
    public void Timer_functions_are_exactly_the_scheduled_jobs_on_their_schedules()
    {
        var timers = Indexed.Where(f => f.TriggerType == "timerTrigger").ToDictionary(f => f.Name, f => f.Schedule);
        Assert.Equal(ScheduledJobs.All.Select(j => j.Name).Order(), timers.Keys.Order());
        foreach (var job in ScheduledJobs.All)
        {
            Assert.Equal(job.Cron, timers[job.Name]);
            // The cron and the local host's default period describe the same schedule: every N minutes, hourly or daily.
            if (job.DefaultPeriodSeconds < 3600) Assert.Equal($"0 */{job.DefaultPeriodSeconds / 60} * * * *", job.Cron);
            else Assert.Matches(job.DefaultPeriodSeconds switch
            {
                3600 => @"^0 [0-5]?\d \* \* \* \*$",
                86_400 => @"^0 [0-5]?\d (1?\d|2[0-3]) \* \* \*$",
                _ => "^$",
            }, job.Cron);
        }
    }

    [Fact]
    public void Durable_functions_are_exactly_what_the_local_engine_hosts()
    {
        // The local engine registers TrainingActivityTypes; the Functions host indexes the trigger functions.
        Assert.Equal(TrainingActivityTypes.Orchestrators.Select(o => o.Name).Order(),
            Indexed.Where(f => f.TriggerType == "orchestrationTrigger").Select(f => f.Name).Order());
        Assert.Equal(TrainingActivityTypes.All.Select(a => a.Name).Order(),
            Indexed.Where(f => f.TriggerType == "activityTrigger").Select(f => f.Name).Order());
    }

    [Fact]
    public void Training_starters_and_the_sweeper_take_a_durable_client()
    {
        string[] withClient = [ApiRoutes.Names.StartTrainingJob, ApiRoutes.Names.UploadTrainingFile, ScheduledJobs.Names.TrainingJobSweep];
        foreach (var name in withClient)
            Assert.Contains(Bindings(name), b => b.GetProperty("type").GetString() == "durableClient");
    }

    [Fact]
    public void The_blob_function_watches_the_statements_container_through_event_grid()
    {
        var blob = Assert.Single(Indexed, f => f.TriggerType == "blobTrigger");
        Assert.Equal(BlobPaths.StatementsTrigger, blob.Raw.GetProperty("path").GetString());
        Assert.Equal(BlobPaths.StorageConnection, blob.Raw.GetProperty("connection").GetString());
        Assert.Equal("EventGrid", blob.Raw.GetProperty("source").GetString());
    }

    [Fact]
    public void The_metadata_lists_every_function_method_in_the_assembly()
    {
        var declared = typeof(Scale.Functions.Azure.PipelineMiddleware).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods())
            .Select(m => m.GetCustomAttribute<FunctionAttribute>()?.Name)
            .OfType<string>()
            .Order();
        Assert.Equal(declared, Indexed.Select(f => f.Name).Order());
    }

    private static List<JsonElement> Bindings(string functionName)
    {
        var path = Path.Combine(FunctionInvocations.FunctionsOutputDirectory, "functions.metadata");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.EnumerateArray().Single(f => f.GetProperty("name").GetString() == functionName)
            .GetProperty("bindings").EnumerateArray().Select(b => b.Clone()).ToList();
    }

    private sealed record IndexedFunction(string Name, string TriggerType, string? Route, string[] Methods, string? AuthLevel, string? Schedule, JsonElement Raw);

    private static List<IndexedFunction> Load()
    {
        var path = Path.Combine(FunctionInvocations.FunctionsOutputDirectory, "functions.metadata");
        Assert.True(File.Exists(path), $"{path} is missing: build with -p:ScaleHost=Functions (scripts/test.sh does).");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.EnumerateArray().Select(function =>
        {
            var trigger = function.GetProperty("bindings").EnumerateArray()
                .Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal)).Clone();
            string? Text(string name) => trigger.TryGetProperty(name, out var value) ? value.GetString() : null;
            var methods = trigger.TryGetProperty("methods", out var m) ? m.EnumerateArray().Select(x => x.GetString()!).ToArray() : [];
            return new IndexedFunction(function.GetProperty("name").GetString()!, Text("type")!, Text("route"), methods,
                Text("authLevel")?.ToLowerInvariant(), Text("schedule"), trigger);
        }).ToList();
    }
}
