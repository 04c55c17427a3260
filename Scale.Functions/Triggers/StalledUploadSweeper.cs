using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Scale.Functions.Infrastructure.Storage;
using Scale.Functions.Infrastructure.Uploads;

namespace Scale.Functions.Triggers;

/// <summary>
/// Finishes uploads that no trigger will come back for: pending ones whose blob event was lost, and processing ones
/// whose worker died after every redelivery had been spent on its live lease. Each is handed to the same
/// <see cref="StatementBlobProcessor"/> a trigger would call, so claims, retries and poison rules are unchanged.
/// An upload whose blob is gone is failed with a readable error. Functions: a TimerTrigger; local host: a timer.
/// </summary>
public sealed class StalledUploadSweeper(
    UploadStore uploads,
    IStatementStorage storage,
    StatementBlobProcessor processor,
    IOptions<IngestionOptions> options,
    ILogger<StalledUploadSweeper> logger) : IScheduledJob
{
    private const int BatchSize = 20;

    Task IScheduledJob.RunAsync(CancellationToken cancellationToken) => SweepAsync(cancellationToken);

    /// <returns>How many stalled uploads were handed back to the processor or failed.</returns>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var stalled = await uploads.ListStalledAsync(TimeSpan.FromSeconds(options.Value.StalledPendingSeconds), BatchSize, cancellationToken);
        var handled = 0;
        foreach (var upload in stalled)
        {
            using var scope = logger.BeginScope(new Dictionary<string, object> { ["UploadId"] = upload.UploadId });
            if (!await storage.ExistsAsync(upload.BlobName, cancellationToken))
            {
                if (await uploads.FailUnclaimedAsync(upload.UploadId, "The statement file is no longer in storage; upload it again.", cancellationToken))
                {
                    logger.LogWarning("Stalled upload {UploadId} has no blob; marked failed", upload.UploadId);
                    handled++;
                }
                continue;
            }

            try
            {
                await using var content = await storage.OpenReadAsync(upload.BlobName, cancellationToken);
                var processed = await processor.ProcessAsync(upload.BlobName, content, cancellationToken);
                // The name now holds other bytes (a newer file dropped over it): that file was processed as its
                // own upload, and this one's content is gone.
                if (processed != upload.UploadId)
                    await uploads.FailUnclaimedAsync(upload.UploadId, "The statement file was replaced in storage before it was imported; upload it again.", cancellationToken);
                logger.LogInformation("Stalled upload {UploadId} ({Status}) handed back to the processor", upload.UploadId, upload.Status);
                handled++;
            }
            catch (UploadBusyException)
            {
                // A worker took it between the query and now: it is not stalled any more.
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The processor has recorded the attempt; the next sweep (or the attempt limit) decides.
                logger.LogWarning(ex, "Stalled upload {UploadId} failed again", upload.UploadId);
            }
        }
        return handled;
    }
}
