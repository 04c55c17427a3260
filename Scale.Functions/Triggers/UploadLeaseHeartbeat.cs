using Microsoft.Extensions.Logging;
using Scale.Functions.Infrastructure.Uploads;

namespace Scale.Functions.Triggers;

/// <summary>
/// Keeps a claimed upload's lease alive while its import runs: every third of the lease it is extended, on the
/// condition that this claimant still holds it. Without it an import longer than the lease (a large statement on
/// a busy database) would be taken over by a redelivery or the stalled-upload sweep while it is still working,
/// and after MaxAttempts such takeovers the upload would fail although no attempt ever failed.
/// When the renewal finds the upload held by someone else, <see cref="Token"/> is cancelled so the import stops
/// (its transaction rolls back) instead of working on for nothing. A renewal that fails (database hiccup) is
/// retried on the next beat; the claim check at commit stays the final word on who owns the upload.
/// </summary>
public sealed class UploadLeaseHeartbeat : IAsyncDisposable
{
    /// <summary>Lower bound of the beat, so a lease of a few hundred milliseconds (tests) does not spin.</summary>
    private static readonly TimeSpan MinimumInterval = TimeSpan.FromMilliseconds(100);

    private readonly CancellationTokenSource _work;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _lost;

    private UploadLeaseHeartbeat(UploadStore uploads, Guid uploadId, string claimant, TimeSpan lease, ILogger logger,
        CancellationToken cancellationToken)
    {
        _work = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var interval = lease / 3 < MinimumInterval ? MinimumInterval : lease / 3;
        _loop = BeatAsync(uploads, uploadId, claimant, lease, interval, logger);
    }

    /// <summary>Starts beating for a claim just taken.</summary>
    /// <param name="cancellationToken">The delivery's token; <see cref="Token"/> is cancelled with it too.</param>
    public static UploadLeaseHeartbeat Start(UploadStore uploads, Guid uploadId, string claimant, TimeSpan lease, ILogger logger,
        CancellationToken cancellationToken) => new(uploads, uploadId, claimant, lease, logger, cancellationToken);

    /// <summary>For the work done under the claim: cancelled when the claim is lost or the delivery is cancelled.</summary>
    public CancellationToken Token => _work.Token;

    /// <summary>True once a renewal found the upload held by another claimant (or back in pending).</summary>
    public bool Lost => Volatile.Read(ref _lost) == 1;

    private async Task BeatAsync(UploadStore uploads, Guid uploadId, string claimant, TimeSpan lease, TimeSpan interval, ILogger logger)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                try
                {
                    switch (await uploads.RenewLeaseAsync(uploadId, claimant, lease, _stop.Token))
                    {
                        case LeaseRenewal.Renewed:
                            continue;
                        case LeaseRenewal.Finished:
                            return; // our own commit (or the worker that took over) finished it: the commit check decides
                        case LeaseRenewal.Lost:
                            logger.LogWarning("Upload {UploadId}: the processing lease was taken over by another worker; stopping this import", uploadId);
                            Volatile.Write(ref _lost, 1);
                            await _work.CancelAsync();
                            return;
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Upload {UploadId}: renewing the processing lease failed; retrying in {IntervalMs} ms",
                        uploadId, interval.TotalMilliseconds);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // stopped: the work under the claim is over
        }
    }

    /// <summary>Stops beating (the claim was finished or released) and waits for a renewal in flight.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
        _work.Dispose();
    }
}
