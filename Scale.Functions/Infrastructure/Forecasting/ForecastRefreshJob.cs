using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Scale.Functions.Triggers;

namespace Scale.Functions.Infrastructure.Forecasting;

/// <summary>
/// Every timer tick (<see cref="ScheduledJobs.ForecastRefresh"/>): refits stale forecast entries, longest-stale first,
/// within a time budget, so a user's next read after an import is a cache hit. Two instances may refit one entry at
/// once; both results are the same fit of the same data, so that costs CPU, never correctness.
/// </summary>
public sealed class ForecastRefreshJob(ForecastCache cache, ForecastService forecasts, ILogger<ForecastRefreshJob> logger) : IScheduledJob
{
    /// <summary>Below the one-minute timer period.</summary>
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(45);

    private const int Batch = 20;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var elapsed = Stopwatch.StartNew();
        var refitted = 0;
        foreach (var key in await cache.StaleAsync(Batch, cancellationToken))
        {
            if (elapsed.Elapsed >= Budget) break;
            await forecasts.RefreshAsync(key, cancellationToken);
            refitted++;
        }
        if (refitted > 0) logger.LogInformation("Refitted {Count} stale forecasts in {ElapsedMs} ms", refitted, elapsed.ElapsedMilliseconds);
    }
}
