using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Scale.Functions.Infrastructure.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    public const string ConnectionStringKey = "APPLICATIONINSIGHTS_CONNECTION_STRING";

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
        return services;
    }
}
