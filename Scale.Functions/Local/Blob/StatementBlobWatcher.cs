using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Scale.Functions.Infrastructure.Storage;
using Scale.Functions.Triggers;

namespace Scale.Functions.Local.Blob;

/// <summary>
/// The local host's blob trigger: lists the statements container every Ingestion__WatcherPollMilliseconds and hands
/// each blob to <see cref="StatementBlobProcessor"/>, at most Ingestion__WatcherConcurrency at a time, never the
/// same blob twice at once, and never again once delivered unless it is rewritten (<see cref="HandedOverBlobs"/>:
/// kept completed statements stay in the container); a blob whose delivery threw waits Ingestion__WatcherRetrySeconds first.
/// The processor's claim in Postgres keeps this safe even with several local hosts on one container.
/// Shutdown (<see cref="GracefulShutdown"/>): listing stops as soon as the host is stopping; deliveries in flight get
/// the drain part of the grace period to finish, then are cancelled, which makes the processor release their claims.
/// </summary>
public sealed class StatementBlobWatcher(
    IStatementStorage storage,
    StatementBlobProcessor processor,
    IOptions<IngestionOptions> options,
    IOptions<HostOptions> hostOptions,
    IHostApplicationLifetime lifetime,
    ILogger<StatementBlobWatcher> logger) : BackgroundService
{
    /// <summary>What deliveries run under: cancelled only when the drain time after the stop signal is up.</summary>
    private readonly CancellationTokenSource _processing = new();
    private readonly ConcurrentDictionary<string, byte> _inFlight = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _retryAfter = new(StringComparer.Ordinal);
    private readonly HandedOverBlobs _handedOver = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        // ApplicationStopping comes first (before this service's own stop, which may wait for Kestrel's drain).
        using var listing = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lifetime.ApplicationStopping);
        var stopping = listing.Token;
        var drain = GracefulShutdown.DrainFor(hostOptions.Value.ShutdownTimeout);
        using var drainStarts = stopping.Register(() => _processing.CancelAfter(drain));
        using var slots = new SemaphoreSlim(Math.Max(1, settings.WatcherConcurrency));
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(Math.Max(50, settings.WatcherPollMilliseconds)));
        var running = new ConcurrentDictionary<Task, byte>();
        try
        {
            do
            {
                try
                {
                    await foreach (var blob in storage.ListAsync(stopping))
                    {
                        if (_handedOver.WasDelivered(blob) || _inFlight.ContainsKey(blob.Name)) continue;
                        if (_retryAfter.TryGetValue(blob.Name, out var notBefore) && notBefore > DateTimeOffset.UtcNow) continue;
                        await slots.WaitAsync(stopping);
                        _inFlight[blob.Name] = 0;
                        var task = DeliverAsync(blob, settings, _processing.Token);
                        running[task] = 0;
                        _ = task.ContinueWith(t => { running.TryRemove(t, out _); slots.Release(); }, TaskScheduler.Default);
                    }
                    _handedOver.ListingCompleted();
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stopping.IsCancellationRequested)
                {
                    _handedOver.ListingAbandoned();
                    logger.LogWarning(ex, "Listing the statements container failed; retrying on the next poll");
                }
            } while (await timer.WaitForNextTickAsync(stopping));
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // shutting down
        }
        if (!running.IsEmpty)
            logger.LogInformation("Stopping: {Count} statement deliveries in flight get up to {DrainSeconds} s to finish", running.Count, drain.TotalSeconds);
        await Task.WhenAll(running.Keys);
    }

    public override void Dispose()
    {
        _processing.Dispose();
        base.Dispose();
    }

    private async Task DeliverAsync(StoredBlob blob, IngestionOptions settings, CancellationToken processing)
    {
        await Task.Yield();
        var blobName = blob.Name;
        try
        {
            await using var content = await storage.OpenReadAsync(blobName, processing);
            await processor.ProcessAsync(blobName, content, processing);
            _retryAfter.TryRemove(blobName, out _);
            _handedOver.MarkDelivered(blob);
        }
        catch (OperationCanceledException) when (processing.IsCancellationRequested)
        {
            // shutting down; the claim is released by the processor and the blob is picked up next start
        }
        catch (UploadBusyException)
        {
            // Another host on the same container holds it; look again later (its lease bounds the wait).
            logger.LogInformation("Blob {BlobName} is being processed elsewhere; looking again in {Seconds} s", blobName, settings.WatcherRetrySeconds);
            _retryAfter[blobName] = DateTimeOffset.UtcNow.AddSeconds(settings.WatcherRetrySeconds);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Delivering blob {BlobName} failed; retrying in {Seconds} s", blobName, settings.WatcherRetrySeconds);
            _retryAfter[blobName] = DateTimeOffset.UtcNow.AddSeconds(settings.WatcherRetrySeconds);
        }
        finally
        {
            _inFlight.TryRemove(blobName, out _);
        }
    }
}
