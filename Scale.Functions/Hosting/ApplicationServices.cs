using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Scale.Functions.Api;
using Scale.Functions.Api.Http;
using Scale.Functions.Infrastructure;
using Scale.Functions.Infrastructure.Anomalies;
using Scale.Functions.Infrastructure.Categorization;
using Scale.Functions.Infrastructure.Database;
using Scale.Functions.Infrastructure.Forecasting;
using Scale.Functions.Infrastructure.Idempotency;
using Scale.Functions.Infrastructure.Profiles;
using Scale.Functions.Infrastructure.Redis;
using Scale.Functions.Infrastructure.Storage;
using Scale.Functions.Infrastructure.Telemetry;
using Scale.Functions.Infrastructure.Transactions;
using Scale.Functions.Pipeline;
using Scale.Functions.Pipeline.Faults;
using Scale.Functions.Pipeline.Concurrency;
using Scale.Functions.Pipeline.Auth;
using Scale.Functions.Pipeline.Throttling;
using Scale.Functions.Training;
using Scale.Functions.Triggers;

namespace Scale.Functions.Hosting;

/// <summary>The composition root both hosts call; host-specific pieces (triggers, timers, telemetry mode) are added by each host.</summary>
public static class ApplicationServices
{
    public static IServiceCollection AddApplicationServices(this IServiceCollection services, IConfiguration configuration)
    {
        StartupConfiguration.Validate(configuration);

        // Npgsql reports every command at Information: noise for on-call and a cost on the import path.
        services.AddLogging(logging => logging.AddFilter("Npgsql", LogLevel.Warning));
        services.ConfigureHttpJsonOptions(options => ScaleJson.Apply(options.SerializerOptions));
        services.AddOptions<CorsOptions>().BindConfiguration("Cors");
        services.AddOptions<BodyLimitOptions>().BindConfiguration("Limits");
        services.AddOptions<NetworkOptions>().BindConfiguration("Network");

        services.AddScaleAuthentication();
        services.AddScaleRedis();
        services.AddScaleThrottling();
        services.AddSingleton<CorsPolicy>();
        services.AddSingleton<RequestLog>();
        services.AddSingleton<DependencyIncidentLog>();
        services.AddOptions<ConcurrencyOptions>().BindConfiguration("Concurrency");
        services.AddSingleton<HeavyRouteGate>();
        services.AddSingleton<RequestPipeline>();

        services.AddScaleDatabase();
        services.AddSingleton<ProfileStore>();
        services.AddSingleton<IdempotencyKeyStore>();
        services.AddSingleton<IdempotencyKeyPurger>();
        services.AddSingleton<IdempotentRequests>();
        services.AddScaleCategorization();
        services.AddScaleIngestion();
        services.AddScaleTraining();
        services.AddScheduledJobs();
        services.AddScaleAnomalies();
        services.AddScaleForecasting();

        // Per-resource handlers (Api/): the local host maps them, the Functions classes call them.
        services.AddSingleton<HealthApi>();
        services.AddSingleton<ProfileApi>();
        services.AddSingleton<CategorizationApi>();
        services.AddSingleton<IngestionApi>();
        services.AddSingleton<TransactionsApi>();
        services.AddSingleton<TrainingApi>();
        services.AddSingleton<TrainingUploads>();
        services.AddSingleton<UnmatchedRouteApi>();
        services.AddSingleton<OpenApiApi>();
        services.AddSingleton<AnomalyApi>();
        services.AddSingleton<ForecastApi>();

        services.AddSingleton<IStatementStorage, BlobServiceStatementStorage>();
        services.AddHostedService<EnsureStorageContainers>();
        services.AddSingleton<IReadinessCheck, DatabaseReadiness>();
        services.AddSingleton<IReadinessCheck, RedisReadiness>();
        services.AddSingleton<IReadinessCheck, StorageReadiness>();

        services.AddScaleTelemetry(configuration);
        return services;
    }
}
