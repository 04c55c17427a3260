using Microsoft.Extensions.Logging;

namespace Scale.Functions.Infrastructure.Transactions;

/// <summary>Why a user's stored transactions changed (listeners may care about some kinds only).</summary>
public enum TransactionsChangeKind
{
    /// <summary>An import committed new rows (JSON import, statement upload, training upload).</summary>
    Imported,
    /// <summary>A stored row's category changed (feedback naming a transaction).</summary>
    Recategorized,
    /// <summary>A transfer pair was linked or unlinked (rows enter or leave spending).</summary>
    TransferLinkChanged,
    /// <summary>Stored rows show another merchant name (a merchant rename was undone).</summary>
    MerchantRenamed,
}

/// <summary>
/// Something derived from a user's transactions (a cached forecast, stored anomaly alerts) that must follow
/// when they change. Called after the change committed; a listener's failure is logged and never undoes it.
/// </summary>
public interface IUserTransactionsChangedListener
{
    Task OnChangedAsync(string userId, TransactionsChangeKind kind, CancellationToken cancellationToken);
}

/// <summary>
/// The one place writers announce a committed change to every registered listener (the importer, feedback, transfer
/// links), so no writer needs to know which derived data exists.
/// </summary>
public sealed class UserTransactionsChanged(IEnumerable<IUserTransactionsChangedListener> listeners, ILogger<UserTransactionsChanged> logger)
{
    private readonly IUserTransactionsChangedListener[] _listeners = [.. listeners];

    public async Task NotifyAsync(string userId, TransactionsChangeKind kind, CancellationToken cancellationToken)
    {
        foreach (var listener in _listeners)
        {
            try
            {
                await listener.OnChangedAsync(userId, kind, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The change itself has committed: derived data that failed to follow is recomputed by its own
                // refresh (timer or next read), so this is a warning, not a failed request.
                logger.LogWarning(ex, "{Listener} failed to follow a {Kind} change for {UserId}", listener.GetType().Name, kind, userId);
            }
        }
    }
}
