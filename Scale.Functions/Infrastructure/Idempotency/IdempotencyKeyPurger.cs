using Microsoft.Extensions.Logging;
using Scale.Functions.Triggers;

namespace Scale.Functions.Infrastructure.Idempotency;

/// <summary>Hourly: deletes idempotency keys older than their 24 hours (<see cref="ScheduledJobs.IdempotencyKeyPurge"/>).</summary>
public sealed class IdempotencyKeyPurger(IdempotencyKeyStore store, ILogger<IdempotencyKeyPurger> logger) : IScheduledJob
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var purged = await store.PurgeExpiredAsync(cancellationToken);
        if (purged > 0) logger.LogInformation("Purged {Count} expired idempotency keys", purged);
    }
}
