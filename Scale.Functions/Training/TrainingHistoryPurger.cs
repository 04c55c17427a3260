using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Scale.Functions.Triggers;

namespace Scale.Functions.Training;

/// <summary>
/// Retention of the engine's state (issue 8 item 6): runs that ended more than <see cref="TrainingOptions.KeepHistoryDays"/>
/// ago lose their Durable history, instance row and payload blobs, so the task hub does not grow for ever. People
/// never read it (status is in training_jobs, which stays); operators have the retention window to investigate a run.
/// Running runs are never purged. Functions: a daily TimerTrigger with its [DurableClient]; local host: a timer with
/// the local engine.
/// </summary>
public sealed class TrainingHistoryPurger(
    IOptions<TrainingOptions> options,
    TimeProvider clock,
    ILogger<TrainingHistoryPurger> logger,
    ITrainingRuns? hostRuns = null) : IScheduledJob
{
    Task IScheduledJob.RunAsync(CancellationToken cancellationToken) =>
        PurgeAsync(hostRuns ?? throw new InvalidOperationException("This host has no training engine client."), cancellationToken);

    /// <returns>How many runs were purged.</returns>
    public async Task<int> PurgeAsync(ITrainingRuns runs, CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - TimeSpan.FromDays(options.Value.KeepHistoryDays);
        var purged = await runs.PurgeEndedAsync(cutoff, cancellationToken);
        logger.LogInformation("Purged the engine history of {Runs} training runs created before {Cutoff}", purged, cutoff);
        return purged;
    }
}
