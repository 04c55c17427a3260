using System.Runtime.CompilerServices;
using Microsoft.Extensions.Configuration;
using Microsoft.WindowsAzure.Storage;
using Microsoft.WindowsAzure.Storage.Blob;
using Scale.Functions.Api;
using Scale.Functions.Infrastructure.Storage;

namespace Scale.Functions.Local.Blob;

/// <summary>
/// Local host blob adapter on WindowsAzure.Storage 9.3.3, the only blob SDK in our feed. Talks to Azurite (or any
/// account given by a connection string). Storage__StatementsContainer overrides the container name (tests).
/// </summary>
public sealed class AzuriteStatementStorage : IStatementStorage
{
    private readonly CloudBlobContainer _statements;
    private readonly CloudBlobContainer _poison;

    public AzuriteStatementStorage(IConfiguration configuration)
    {
        var account = CloudStorageAccount.Parse(configuration.GetConnectionString(BlobPaths.StorageConnection));
        var client = account.CreateCloudBlobClient();
        var container = configuration["Storage:StatementsContainer"] ?? BlobPaths.StatementsContainer;
        _statements = client.GetContainerReference(container);
        _poison = client.GetContainerReference(container + "-poison");
    }

    public async Task EnsureContainersAsync(CancellationToken cancellationToken)
    {
        await _statements.CreateIfNotExistsAsync(BlobContainerPublicAccessType.Off, null, null, cancellationToken);
        await _poison.CreateIfNotExistsAsync(BlobContainerPublicAccessType.Off, null, null, cancellationToken);
    }

    public async Task UploadAsync(string blobName, Stream content, string contentType, CancellationToken cancellationToken)
    {
        var blob = _statements.GetBlockBlobReference(blobName);
        blob.Properties.ContentType = contentType;
        await blob.UploadFromStreamAsync(content, null, null, null, cancellationToken);
    }

    public async Task<Stream> OpenReadAsync(string blobName, CancellationToken cancellationToken) =>
        await _statements.GetBlockBlobReference(blobName).OpenReadAsync(null, null, null, cancellationToken);

    public Task<bool> ExistsAsync(string blobName, CancellationToken cancellationToken) =>
        _statements.GetBlockBlobReference(blobName).ExistsAsync(null, null, cancellationToken);

    public async IAsyncEnumerable<StoredBlob> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        BlobContinuationToken? token = null;
        do
        {
            var segment = await _statements.ListBlobsSegmentedAsync(null, true, BlobListingDetails.None, 500, token, null, null, cancellationToken);
            foreach (var item in segment.Results.OfType<CloudBlockBlob>())
                yield return new StoredBlob(item.Name, item.Properties.LastModified);
            token = segment.ContinuationToken;
        } while (token is not null);
    }

    public async Task MoveToPoisonAsync(string blobName, string reason, CancellationToken cancellationToken)
    {
        var source = _statements.GetBlockBlobReference(blobName);
        var target = _poison.GetBlockBlobReference(blobName);
        await using (var content = await source.OpenReadAsync(null, null, null, cancellationToken))
        {
            target.Metadata["failure_reason"] = Uri.EscapeDataString(reason.Length > 1000 ? reason[..1000] : reason);
            await target.UploadFromStreamAsync(content, null, null, null, cancellationToken);
        }
        await source.DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, null, null, null, cancellationToken);
    }

    public Task DeleteAsync(string blobName, CancellationToken cancellationToken) =>
        _statements.GetBlockBlobReference(blobName).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, null, null, null, cancellationToken);

    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try { return await _statements.ExistsAsync(null, null, cancellationToken); }
        catch (StorageException) { return false; }
    }
}
