using Microsoft.Azure.Functions.Worker;
using Scale.Functions.Api;
using Scale.Functions.Triggers;

namespace Scale.Functions.Azure.Blob;

/// <summary>
/// A statement uploaded through POST /ingestion/uploads lands in the statements container; this parses and imports it.
/// Source = EventGrid: Flex Consumption supports only the Event Grid blob trigger (no container polling), and it
/// reacts in seconds rather than the polling trigger's minutes on a cold, idle app. The Event Grid subscription
/// is created after deploy (infra/hooks/postdeploy.*) because it needs the app's blobs_extension key.
/// Retries and poison handling: the host retries a failed invocation (host.json blobs.poisonBlobThreshold), and the
/// processor itself moves a blob that cannot be parsed to the poison container.
/// </summary>
public sealed class StatementBlobFunction(IStatementBlobHandler processor)
{
    [Function("ProcessStatementBlob")]
    public Task Run(
        [BlobTrigger(BlobPaths.StatementsTrigger, Source = BlobTriggerSource.EventGrid, Connection = BlobPaths.StorageConnection)] Stream content,
        string name,
        CancellationToken cancellationToken) => processor.ProcessAsync(name, content, cancellationToken);
}
