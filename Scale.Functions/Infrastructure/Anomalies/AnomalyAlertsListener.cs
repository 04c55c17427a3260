using Scale.Functions.Infrastructure.Transactions;

namespace Scale.Functions.Infrastructure.Anomalies;

/// <summary>
/// Marks a user's alerts out of date whenever their transactions change (every import that inserted rows, feedback
/// that recategorized one). The recompute itself reads the whole history (the detectors compare each charge with the
/// merchant's other charges, so a new row can make an old one ordinary or unusual), which is too long to make an
/// import of a large statement wait for; <see cref="AnomalyRecomputeJob"/> does it within a timer period.
/// </summary>
public sealed class AnomalyAlertsListener(AnomalyRecomputeRequests requests) : IUserTransactionsChangedListener
{
    public Task OnChangedAsync(string userId, TransactionsChangeKind kind, CancellationToken cancellationToken) =>
        requests.MarkAsync(userId, cancellationToken);
}
