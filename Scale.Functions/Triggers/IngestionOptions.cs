namespace Scale.Functions.Triggers;

/// <summary>Statement processing settings (Ingestion__*).</summary>
public sealed class IngestionOptions
{
    /// <summary>Deliveries of one blob that may fail transiently before the upload is failed and the blob poisoned.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>How long a claim is exclusive; a processor that died is taken over after this.</summary>
    public int LeaseSeconds { get; set; } = 300;

    /// <summary>
    /// Keep imported statements in the container? Default no: once the rows are in Postgres (with the original
    /// columns in raw_data) the file is only a privacy liability, so it is deleted after a successful import.
    /// </summary>
    public bool KeepCompletedStatements { get; set; }

    /// <summary>Largest blob processed (dropped blobs bypass the API's 60 MB body limit).</summary>
    public long MaxStatementBytes { get; set; } = 60L * 1024 * 1024;

    /// <summary>Local watcher: how often the container is listed.</summary>
    public int WatcherPollMilliseconds { get; set; } = 1000;

    /// <summary>Local watcher: blobs processed at the same time.</summary>
    public int WatcherConcurrency { get; set; } = 4;

    /// <summary>Local watcher: wait before handing a blob that failed transiently to the processor again.</summary>
    public int WatcherRetrySeconds { get; set; } = 5;

    /// <summary>Sweep: a pending upload older than this is taken as missed by the trigger and processed.</summary>
    public int StalledPendingSeconds { get; set; } = 300;
}
