using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Scale.Functions.Api;
using Scale.Functions.Hosting;
using Scale.Functions.Tests.Support;
using Scale.Functions.Triggers;

namespace Scale.Functions.Tests.Foundation;

/// <summary>
/// local.settings.sample.json (what a developer copies for Core Tools, and the list on-call reads) names exactly
/// the settings the app reads, and host.json is valid for the isolated worker. "What the app reads" is recorded,
/// not listed by hand: the app is composed on a configuration that notes every key looked up, every options class
/// is bound, every service is built.
/// </summary>
public class SettingsCatalogueTests
{
    private static readonly string Repo = RepoPaths.Root;

    /// <summary>Read by the Functions host itself (host.json refers to TASKHUB_NAME), not by our code.</summary>
    private static readonly string[] HostSettings = ["AzureWebJobsStorage", "FUNCTIONS_WORKER_RUNTIME", "TASKHUB_NAME"];

    /// <summary>Local host only (its Kestrel address, shutdown grace, blob watcher and timer periods); the Functions host has no such setting.</summary>
    private static readonly string[] LocalHostSettings =
    [
        "SCALE_URLS", "urls", "Shutdown__GraceSeconds", "Ingestion__WatcherConcurrency", "Ingestion__WatcherPollMilliseconds", "Ingestion__WatcherRetrySeconds",
        .. ScheduledJobs.All.Select(job => job.PeriodSetting.Replace(":", "__", StringComparison.Ordinal)).Where(s => s != "Categorization__RefreshSeconds"),
    ];

    [Fact]
    public async Task The_sample_settings_name_every_setting_the_app_reads_and_nothing_else()
    {
        var read = (await SettingsTheAppReadsAsync()).Except(LocalHostSettings, StringComparer.OrdinalIgnoreCase).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var sample = SampleValues().Keys.Except(HostSettings, StringComparer.OrdinalIgnoreCase).ToHashSet(StringComparer.OrdinalIgnoreCase);

        var undocumented = read.Except(sample, StringComparer.OrdinalIgnoreCase).Order().ToList();
        var unread = sample.Except(read, StringComparer.OrdinalIgnoreCase).Order().ToList();
        Assert.True(undocumented.Count == 0, "Read by the app, missing from local.settings.sample.json: " + string.Join(", ", undocumented));
        Assert.True(unread.Count == 0, "In local.settings.sample.json, never read by the app: " + string.Join(", ", unread));
    }

    [Fact]
    public void The_sample_is_an_isolated_worker_settings_file_without_secrets()
    {
        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo, "local.settings.sample.json")));
        Assert.False(sample.RootElement.GetProperty("IsEncrypted").GetBoolean());
        var values = SampleValues();
        Assert.Equal("dotnet-isolated", values["FUNCTIONS_WORKER_RUNTIME"]);
        foreach (var secret in new[] { "Auth__SigningKey", "ConnectionStrings__Postgres", "Pagination__CursorKey" })
            Assert.DoesNotMatch("[0-9a-f]{32}", values[secret] ?? "");
    }

    [Fact]
    public void Host_json_is_a_v2_host_file_routing_under_our_prefix_with_settings_by_name()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo, "host.json")));
        var root = host.RootElement;
        Assert.Equal("2.0", root.GetProperty("version").GetString());
        var extensions = root.GetProperty("extensions");
        Assert.Equal(ApiRoutes.Prefix.TrimStart('/'), extensions.GetProperty("http").GetProperty("routePrefix").GetString());
        // The task hub name is a setting reference, never an inlined value.
        Assert.Equal("%TASKHUB_NAME%", extensions.GetProperty("durableTask").GetProperty("hubName").GetString());
        Assert.Contains("TASKHUB_NAME", SampleValues().Keys);
        // The host's redelivery count and ours agree, so a blob is poisoned once, by us, with a reason.
        Assert.Equal(new IngestionOptions().MaxAttempts, extensions.GetProperty("blobs").GetProperty("poisonBlobThreshold").GetInt32());
    }

    private static Dictionary<string, string?> SampleValues()
    {
        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo, "local.settings.sample.json")));
        return sample.RootElement.GetProperty("Values").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString(), StringComparer.OrdinalIgnoreCase);
    }

    private static async Task<IEnumerable<string>> SettingsTheAppReadsAsync()
    {
        // The sample's own keys are present (the options binder only looks up keys that exist under a section), with
        // placeholders replaced by values that pass start-up validation. A key the app reads by name (indexer,
        // GetConnectionString, GetValue) is recorded whether present or not.
        var data = SampleValues().ToDictionary(p => p.Key.Replace("__", ":", StringComparison.Ordinal), p => p.Value);
        data["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Port=9;Database=unused;Username=unused;Password=unused";
        data["ConnectionStrings:StatementStorage"] = "UseDevelopmentStorage=true";
        data["Auth:SigningKey"] = "settings-catalogue-test-signing-key-0123456789";
        var recording = new RecordingSource(data);
        var configuration = new ConfigurationBuilder().Add(recording).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddApplicationServices(configuration);
        services.AddSingleton(new Scale.Functions.Pipeline.RequestTelemetryMode(TrackRequests: true));
        await using (var provider = services.BuildServiceProvider())
        {
            foreach (var descriptor in services.ToList())
            {
                var type = descriptor.ServiceType;
                if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IConfigureOptions<>))
                {
                    var options = provider.GetRequiredService(typeof(IOptions<>).MakeGenericType(type.GetGenericArguments()[0]));
                    _ = options.GetType().GetProperty(nameof(IOptions<object>.Value))!.GetValue(options);
                }
                else if (!type.IsGenericTypeDefinition && !descriptor.IsKeyedService && descriptor.Lifetime == ServiceLifetime.Singleton
                         && (descriptor.ImplementationType ?? type).Assembly == typeof(ApplicationServices).Assembly)
                {
                    foreach (var service in provider.GetServices(type)) GC.KeepAlive(service);
                }
            }
        }
        // The local host's timers read their periods when they start.
        foreach (var job in ScheduledJobs.All) _ = configuration[job.PeriodSetting];

        // A section's own key is looked up too when it is bound; only leaves are settings.
        var requested = recording.Provider.Requested;
        return requested
            .Where(key => !key.StartsWith("Logging", StringComparison.OrdinalIgnoreCase))
            .Where(key => !requested.Any(other => other.StartsWith(key + ":", StringComparison.OrdinalIgnoreCase)))
            .Select(key => key.Replace(":", "__", StringComparison.Ordinal));
    }

    private sealed class RecordingSource(IDictionary<string, string?> data) : IConfigurationSource
    {
        public RecordingProvider Provider { get; } = new(data);

        public IConfigurationProvider Build(IConfigurationBuilder builder) => Provider;
    }

    private sealed class RecordingProvider : ConfigurationProvider
    {
        public RecordingProvider(IDictionary<string, string?> data)
        {
            foreach (var (key, value) in data) Data[key] = value;
        }

        public HashSet<string> Requested { get; } = new(StringComparer.OrdinalIgnoreCase);

        public override bool TryGet(string key, out string? value)
        {
            Requested.Add(key);
            return base.TryGet(key, out value);
        }
    }
}
