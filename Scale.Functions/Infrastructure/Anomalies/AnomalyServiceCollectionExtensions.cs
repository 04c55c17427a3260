using Microsoft.Extensions.DependencyInjection;
using Scale.Functions.Infrastructure.Transactions;

namespace Scale.Functions.Infrastructure.Anomalies;

public static class AnomalyServiceCollectionExtensions
{
    /// <summary>Stored anomaly alerts, marked out of date through the "transactions changed" port and recomputed by a timer.</summary>
    public static IServiceCollection AddScaleAnomalies(this IServiceCollection services)
    {
        services.AddSingleton<AnomalyAlertStore>();
        services.AddSingleton<AnomalyRecomputeRequests>();
        services.AddSingleton<AnomalyRecomputeJob>();
        services.AddSingleton<IUserTransactionsChangedListener, AnomalyAlertsListener>();
        return services;
    }
}
