using Microsoft.Extensions.Logging;
using Scale.Functions.Infrastructure.Transactions;

namespace Scale.Functions.Infrastructure.Anomalies;

/// <summary>
/// Recomputes a user's alerts whenever their transactions change (every import that inserted rows, feedback that
/// recategorized one), so the listing is a read. Recomputation reads the whole history: the detectors compare each
/// charge with the merchant's other charges, so a new row can make an old one ordinary or unusual.
/// </summary>
public sealed class AnomalyAlertsListener(AnomalyAlertStore store, ILogger<AnomalyAlertsListener> logger) : IUserTransactionsChangedListener
{
    public async Task OnChangedAsync(string userId, TransactionsChangeKind kind, CancellationToken cancellationToken)
    {
        var count = await store.RecomputeAsync(userId, cancellationToken);
        logger.LogInformation("Anomaly alerts for {UserId} recomputed after {Kind}: {AlertCount}", userId, kind, count);
    }
}
