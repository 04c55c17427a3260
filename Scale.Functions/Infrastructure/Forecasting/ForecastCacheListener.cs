using Scale.Functions.Infrastructure.Transactions;

namespace Scale.Functions.Infrastructure.Forecasting;

/// <summary>A change to a user's transactions (import, recategorization, transfer link) makes their fitted forecasts stale.</summary>
public sealed class ForecastCacheListener(ForecastCache cache) : IUserTransactionsChangedListener
{
    public Task OnChangedAsync(string userId, TransactionsChangeKind kind, CancellationToken cancellationToken) =>
        cache.MarkStaleAsync(userId, cancellationToken);
}
