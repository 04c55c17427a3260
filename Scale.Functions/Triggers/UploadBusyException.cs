namespace Scale.Functions.Triggers;

/// <summary>
/// Another processor holds a live claim on this upload. Thrown so the delivery is retried later (Functions host,
/// local watcher) instead of being acknowledged: if the claimant died, a retry after its lease lapses takes over.
/// </summary>
public sealed class UploadBusyException : Exception
{
    public UploadBusyException(Guid uploadId)
        : base($"Upload {uploadId} is being processed by another worker; retry after its lease lapses.") => UploadId = uploadId;

    public UploadBusyException() : base("The upload is being processed by another worker.") { }

    public UploadBusyException(string message) : base(message) { }

    public UploadBusyException(string message, Exception innerException) : base(message, innerException) { }

    public Guid UploadId { get; }
}
