namespace Scale.Functions.Training;

/// <summary>Training settings (section "Training"); the task hub name is TASKHUB_NAME, as host.json reads it.</summary>
public sealed class TrainingOptions
{
    /// <summary>A job unfinished after this long is failed by the sweeper, whatever its orchestration is doing.</summary>
    public int MaxRunMinutes { get; set; } = 60;
    /// <summary>Attempts per activity (the first included) before the job fails.</summary>
    public int MaxAttempts { get; set; } = 3;
    public double FirstRetrySeconds { get; set; } = 5;
    /// <summary>
    /// Local host: how long a dequeued work item stays invisible. A host killed mid-activity gets that activity back
    /// only after this (the provider's default is 5 minutes).
    /// </summary>
    public int VisibilityTimeoutSeconds { get; set; } = 60;
    /// <summary>Local host: the engine's worker id. Keep it stable across restarts: a new id waits ~30 s for the old partition lease.</summary>
    public string WorkerId { get; set; } = Environment.MachineName;
    /// <summary>Retention: a user's model versions beyond the newest this many are deleted (never the active one).</summary>
    public int KeepVersions { get; set; } = 5;
    /// <summary>Queued/processing jobs younger than this are left alone by the sweeper (an orchestration may not have started yet).</summary>
    public int SweepGraceSeconds { get; set; } = 120;
    /// <summary>Retention: the engine's history of runs that ended (completed, failed, terminated) is purged once older than this.</summary>
    public int KeepHistoryDays { get; set; } = 30;
}

/// <summary>What the engine knows of a run (the sweeper's question); status for people is in training_jobs.</summary>
public enum TrainingRunState
{
    /// <summary>The engine has no instance with this id (never scheduled, or its history is gone).</summary>
    Missing,
    Pending,
    Running,
    /// <summary>Completed, failed, terminated: nothing more will write to the job.</summary>
    Ended,
}

/// <summary>
/// Starting and inspecting training orchestrations. The job id is the instance id, so a job and its run are one
/// thing. Functions flavor: the [DurableClient] binding's DurableTaskClient; local host: DurableTask.Core's client.
/// </summary>
public interface ITrainingRuns
{
    Task ScheduleAsync(TrainingRunInput input, CancellationToken cancellationToken);
    Task<TrainingRunState> GetStateAsync(Guid jobId, CancellationToken cancellationToken);
    /// <summary>Stops a run in the engine (no further activity is scheduled); a run that already ended is left as it is.</summary>
    Task TerminateAsync(Guid jobId, string reason, CancellationToken cancellationToken);
    /// <summary>Deletes the engine's history and state of runs that ended and were created before <paramref name="createdBefore"/>.</summary>
    /// <returns>How many runs were purged.</returns>
    Task<int> PurgeEndedAsync(DateTimeOffset createdBefore, CancellationToken cancellationToken);
}
