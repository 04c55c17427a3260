using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Scale.Functions.Infrastructure.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    public const string ConnectionStringKey = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    public const string ApplicationInsightsLoggerProvider =
        "Microsoft.Extensions.Logging.ApplicationInsights.ApplicationInsightsLoggerProvider";

    /// <summary>
    /// Application Insights through the WorkerService SDK, only when a connection string is configured: without
    /// one nothing is registered and nothing is sent (developers and tests).
    /// </summary>
    public static IServiceCollection AddScaleTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration[ConnectionStringKey];
        if (string.IsNullOrWhiteSpace(connectionString)) return services;
        services.AddApplicationInsightsTelemetryWorkerService(options =>
        {
            options.ConnectionString = connectionString;
            options.EnableAdaptiveSampling = true;
        });
        // The Application Insights logger keeps only Warning and above unless told otherwise; the operational events
        // dashboards count (TelemetryNames: ImportCompleted, RedisRestored) are Information, so drop that rule and
        // let the configured log levels decide.
        services.Configure<LoggerFilterOptions>(options =>
        {
            var warningOnly = options.Rules.Where(rule => rule.ProviderName == ApplicationInsightsLoggerProvider).ToList();
            foreach (var rule in warningOnly) options.Rules.Remove(rule);
        });
        return services;
    }
}
