namespace Scale.Functions.Infrastructure.Storage;

/// <summary>A blob in the statements container as the watcher/trigger sees it.</summary>
public sealed record StoredBlob(string Name, DateTimeOffset? LastModified);

/// <summary>
/// The statements container (<see cref="BlobServiceStatementStorage"/> in both hosts; a port so processor tests can
/// inject storage faults).
/// </summary>
public interface IStatementStorage
{
    /// <summary>Creates the statements and poison containers when missing.</summary>
    Task EnsureContainersAsync(CancellationToken cancellationToken);

    Task UploadAsync(string blobName, Stream content, string contentType, CancellationToken cancellationToken);

    Task<Stream> OpenReadAsync(string blobName, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(string blobName, CancellationToken cancellationToken);

    /// <summary>Blobs currently in the statements container (the local watcher's view of "new blobs").</summary>
    IAsyncEnumerable<StoredBlob> ListAsync(CancellationToken cancellationToken);

    /// <summary>Moves a blob that keeps failing to the poison container, with the reason in its metadata.</summary>
    Task MoveToPoisonAsync(string blobName, string reason, CancellationToken cancellationToken);

    Task DeleteAsync(string blobName, CancellationToken cancellationToken);

    /// <summary>Readiness: the account answers and the container exists.</summary>
    Task<bool> PingAsync(CancellationToken cancellationToken);
}
