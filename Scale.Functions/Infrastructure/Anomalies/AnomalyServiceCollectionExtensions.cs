using Microsoft.Extensions.DependencyInjection;
using Scale.Functions.Infrastructure.Transactions;

namespace Scale.Functions.Infrastructure.Anomalies;

public static class AnomalyServiceCollectionExtensions
{
    /// <summary>Stored anomaly alerts, recomputed through the "transactions changed" port.</summary>
    public static IServiceCollection AddScaleAnomalies(this IServiceCollection services)
    {
        services.AddSingleton<AnomalyAlertStore>();
        services.AddSingleton<IUserTransactionsChangedListener, AnomalyAlertsListener>();
        return services;
    }
}
