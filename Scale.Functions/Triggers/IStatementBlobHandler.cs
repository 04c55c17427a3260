namespace Scale.Functions.Triggers;

/// <summary>
/// What a statement blob is handed to: the Functions blob trigger and the local watcher deliver
/// <c>(blobName, content)</c> here (<see cref="StatementBlobProcessor"/>).
/// </summary>
public interface IStatementBlobHandler
{
    Task ProcessAsync(string blobName, Stream content, CancellationToken cancellationToken);
}
