using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Scale.Functions.Infrastructure.Training;
using Scale.Functions.Triggers;

namespace Scale.Functions.Training;

/// <summary>
/// No job stays "processing" silently (the old system's BUG-01): unfinished jobs whose orchestration ended or
/// vanished, and jobs older than <see cref="TrainingOptions.MaxRunMinutes"/>, are failed with a readable error and
/// a warning (the alert rule's signal). Functions: a TimerTrigger that passes its [DurableClient]; local host: a
/// timer with the local engine's client.
/// </summary>
public sealed class TrainingJobSweeper(
    TrainingJobStore jobs,
    IOptions<TrainingOptions> options,
    TimeProvider clock,
    ILogger<TrainingJobSweeper> logger,
    ITrainingRuns? hostRuns = null) : IScheduledJob
{
    private const int BatchSize = 50;
    public const string VanishedError = "The training run stopped without recording a result; start a new training job.";

    Task IScheduledJob.RunAsync(CancellationToken cancellationToken) =>
        SweepAsync(hostRuns ?? throw new InvalidOperationException("This host has no training engine client."), cancellationToken);

    /// <returns>How many jobs were failed.</returns>
    public async Task<int> SweepAsync(ITrainingRuns runs, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var limit = TimeSpan.FromMinutes(options.Value.MaxRunMinutes);
        var candidates = await jobs.ListUnfinishedAsync(now - TimeSpan.FromSeconds(options.Value.SweepGraceSeconds), BatchSize, cancellationToken);
        var failed = 0;
        foreach (var job in candidates)
        {
            string? error = null;
            var overran = now - job.CreatedAt > limit;
            if (overran)
                error = $"Training did not finish within {options.Value.MaxRunMinutes} minutes and was stopped; start a new training job.";
            else if (await runs.GetStateAsync(job.JobId, cancellationToken) is TrainingRunState.Missing or TrainingRunState.Ended)
                error = VanishedError;
            if (error is null || !await jobs.FailAsync(job.JobId, job.UserId, error, cancellationToken)) continue;
            logger.LogWarning("Stuck training job {JobId} of {UserId} failed by the sweeper ({Status}, step {Step}): {Error}",
                job.JobId, job.UserId, job.Status, job.Step, error);
            failed++;
            // The job is failed first (what the person sees); then the run is stopped so it spends no more compute.
            // Its later writes would be refused anyway (status guards), so a refused termination is only logged.
            if (overran) await TerminateAsync(runs, job, cancellationToken);
        }
        return failed;
    }

    private async Task TerminateAsync(ITrainingRuns runs, TrainingJob job, CancellationToken cancellationToken)
    {
        try
        {
            await runs.TerminateAsync(job.JobId, $"Overran Training:MaxRunMinutes ({options.Value.MaxRunMinutes}); failed by the sweeper.", cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not terminate the run of overrunning training job {JobId}", job.JobId);
        }
    }
}
