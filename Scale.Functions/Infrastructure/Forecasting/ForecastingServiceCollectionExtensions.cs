using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Scale.Functions.Infrastructure.Transactions;

namespace Scale.Functions.Infrastructure.Forecasting;

public static class ForecastingServiceCollectionExtensions
{
    /// <summary>Forecasts fitted on demand, cached per user, marked stale through the "transactions changed" port and refitted by a timer.</summary>
    public static IServiceCollection AddScaleForecasting(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SpendingHistory>();
        services.AddSingleton<ForecastCache>();
        services.AddSingleton<ForecastService>();
        services.AddSingleton<ForecastRefreshJob>();
        services.AddSingleton<IUserTransactionsChangedListener, ForecastCacheListener>();
        return services;
    }
}
