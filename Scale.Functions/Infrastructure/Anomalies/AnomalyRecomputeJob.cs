using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Scale.Functions.Triggers;

namespace Scale.Functions.Infrastructure.Anomalies;

/// <summary>
/// Every timer tick (<see cref="ScheduledJobs.AnomalyRecompute"/>): recomputes the alerts of every user marked out of
/// date (and quiet for a moment: see <see cref="AnomalyRecomputeRequests.SettledAsync"/>), oldest mark first, until
/// none is left or the tick's time budget is spent (the rest wait for the next tick).
/// Instances may run it at once: a user another instance is recomputing is skipped, not waited for.
/// </summary>
public sealed class AnomalyRecomputeJob(AnomalyRecomputeRequests requests, AnomalyAlertStore store, IConfiguration configuration,
    ILogger<AnomalyRecomputeJob> logger) : IScheduledJob
{
    /// <summary>How long a user's transactions must have been quiet before their alerts are recomputed.</summary>
    private readonly TimeSpan _settle = TimeSpan.FromSeconds(Math.Max(0, configuration.GetValue("Anomaly:SettleSeconds", 2.0)));

    /// <summary>Below the one-minute timer period, so ticks do not pile up on one instance.</summary>
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(45);

    private const int Batch = 50;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var elapsed = Stopwatch.StartNew();
        var skipped = new HashSet<string>(StringComparer.Ordinal);
        while (elapsed.Elapsed < Budget)
        {
            var due = (await requests.SettledAsync(Batch + skipped.Count, _settle, cancellationToken)).Where(u => !skipped.Contains(u)).ToList();
            if (due.Count == 0) return;
            foreach (var userId in due)
            {
                if (elapsed.Elapsed >= Budget) return;
                var count = await store.TryRecomputeAsync(userId, cancellationToken);
                if (count is null) { skipped.Add(userId); continue; }
                logger.LogInformation("Anomaly alerts for {UserId} recomputed: {AlertCount}", userId, count);
            }
        }
    }
}
