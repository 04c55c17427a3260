using System.Runtime.CompilerServices;
using Azure;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Configuration;
using Scale.Functions.Api;

namespace Scale.Functions.Infrastructure.Storage;

/// <summary>
/// The statements container on Azure.Storage.Blobs, the one blob implementation both hosts use. Production uses the
/// app's managed identity (StatementStorage__blobServiceUri, plus AZURE_CLIENT_ID for a user-assigned one; the
/// account has shared keys disabled); a connection string (ConnectionStrings__StatementStorage) is used when
/// present, which is how the local host and Core Tools talk to Azurite. These are the setting names the blob
/// trigger's Connection = "StatementStorage" resolves, so the trigger and this class always see one account.
/// </summary>
public sealed class BlobServiceStatementStorage : IStatementStorage
{
    private const int MaxReasonLength = 1000;
    private readonly BlobContainerClient _statements;
    private readonly BlobContainerClient _poison;

    public BlobServiceStatementStorage(IConfiguration configuration)
    {
        var service = CreateServiceClient(configuration);
        var container = configuration["Storage:StatementsContainer"] ?? BlobPaths.StatementsContainer;
        _statements = service.GetBlobContainerClient(container);
        _poison = service.GetBlobContainerClient(container + "-poison");
    }

    private static BlobServiceClient CreateServiceClient(IConfiguration configuration)
    {
        var options = RequestPathOptions();
        var connectionString = configuration.GetConnectionString(BlobPaths.StorageConnection);
        if (!string.IsNullOrWhiteSpace(connectionString)) return new BlobServiceClient(connectionString, options);

        // StartupConfiguration.Validate guarantees one of the two is set.
        var serviceUri = new Uri(configuration[$"{BlobPaths.StorageConnection}:blobServiceUri"]!);
        var clientId = configuration["AZURE_CLIENT_ID"];
        var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions
        {
            // In Azure: the user-assigned identity; on a developer machine: az/azd login.
            ManagedIdentityClientId = string.IsNullOrWhiteSpace(clientId) ? null : clientId,
        });
        return new BlobServiceClient(serviceUri, credential, options);
    }

    /// <summary>
    /// The SDK's defaults (3 retries, exponential from 0.8 s, 100 s network timeout) keep an upload waiting for tens of
    /// seconds when storage is down, and the person uploading gets nothing until then. Two quick retries ride out a
    /// blip; after that the request answers 503 with Retry-After and the client retries later. The blob processor
    /// reads through the same client and has its own redelivery (lease, sweeper), so it needs no more than this.
    /// The network timeout bounds a stalled read or write, not a whole transfer.
    /// </summary>
    private static BlobClientOptions RequestPathOptions()
    {
        var options = new BlobClientOptions();
        options.Retry.Mode = global::Azure.Core.RetryMode.Exponential;
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(300);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(2);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(15);
        return options;
    }

    public async Task EnsureContainersAsync(CancellationToken cancellationToken)
    {
        await _statements.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: cancellationToken);
        await _poison.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: cancellationToken);
    }

    public Task UploadAsync(string blobName, Stream content, string contentType, CancellationToken cancellationToken) =>
        _statements.GetBlobClient(blobName).UploadAsync(content, new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
        }, cancellationToken);

    public async Task<Stream> OpenReadAsync(string blobName, CancellationToken cancellationToken) =>
        await _statements.GetBlobClient(blobName).OpenReadAsync(new BlobOpenReadOptions(allowModifications: false), cancellationToken);

    public async Task<bool> ExistsAsync(string blobName, CancellationToken cancellationToken) =>
        (await _statements.GetBlobClient(blobName).ExistsAsync(cancellationToken)).Value;

    public async IAsyncEnumerable<StoredBlob> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in _statements.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix: null, cancellationToken))
            yield return new StoredBlob(item.Name, item.Properties.LastModified);
    }

    public async Task MoveToPoisonAsync(string blobName, string reason, CancellationToken cancellationToken)
    {
        var source = _statements.GetBlobClient(blobName);
        var target = _poison.GetBlobClient(blobName);
        await using (var content = await source.OpenReadAsync(new BlobOpenReadOptions(allowModifications: false), cancellationToken))
        {
            var trimmed = reason.Length > MaxReasonLength ? reason[..MaxReasonLength] : reason;
            await target.UploadAsync(content, new BlobUploadOptions
            {
                // Metadata values must be ASCII; escaping keeps any parser message storable.
                Metadata = new Dictionary<string, string> { ["failure_reason"] = Uri.EscapeDataString(trimmed) },
            }, cancellationToken);
        }
        await source.DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);
    }

    public Task DeleteAsync(string blobName, CancellationToken cancellationToken) =>
        _statements.GetBlobClient(blobName).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);

    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try { return (await _statements.ExistsAsync(cancellationToken)).Value; }
        catch (RequestFailedException) { return false; }
        catch (AuthenticationFailedException) { return false; }
    }
}
