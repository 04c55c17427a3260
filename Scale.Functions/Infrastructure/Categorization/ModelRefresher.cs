using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Scale.Domain.Categorization;
using Scale.Functions.Triggers;

namespace Scale.Functions.Infrastructure.Categorization;

/// <summary>
/// Swaps in the newest published classifier when it differs (version or artifact hash) from the one in use.
/// Host-neutral. Two ways in, so that every instance of a scaled-out app follows a publish:
/// <list type="bullet">
/// <item><see cref="RefreshAsync"/> on a timer (local PeriodicTimer, Functions TimerTrigger). On Azure a
/// TimerTrigger runs on one instance only, so the timer alone would leave the others on the old model.</item>
/// <item><see cref="RefreshIfDueAsync"/> before each classification: at most one cheap version query every
/// Categorization__ModelCheckSeconds (default 30) per instance, so an instance that serves traffic uses a new
/// model within that many seconds of its publication, whichever instance the timer ran on.</item>
/// </list>
/// A broken artifact is logged and skipped; the current model keeps serving.
/// </summary>
public sealed class ModelRefresher(ClassifierHolder holder, ClassifierModelStore store, IConfiguration configuration,
    TimeProvider clock, ILogger<ModelRefresher> logger) : IScheduledJob, IDisposable
{
    public const int DefaultCheckSeconds = 30;

    private readonly TimeSpan _checkEvery = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Categorization:ModelCheckSeconds", DefaultCheckSeconds)));
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private long _nextCheckTicks = clock.GetTimestamp();
    private PublishedModel? _failed;
    private PublishedModel? _loaded;

    /// <summary>
    /// Checks for a newer model when the last check is older than the interval. Concurrent callers do not queue
    /// behind a check: they classify with the current model while one of them looks. A database error is logged
    /// and leaves the current model serving (classification must not fail because the check could not run).
    /// </summary>
    public async Task RefreshIfDueAsync(CancellationToken cancellationToken)
    {
        if (clock.GetTimestamp() < Volatile.Read(ref _nextCheckTicks)) return;
        if (!await _oneAtATime.WaitAsync(0, cancellationToken)) return;
        try
        {
            if (clock.GetTimestamp() < _nextCheckTicks) return;
            await RefreshLockedAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException)
        {
            logger.LogWarning(ex, "Checking for a published classifier failed; keeping {Version}", holder.Current.ModelVersion);
        }
        finally
        {
            Volatile.Write(ref _nextCheckTicks, clock.GetTimestamp() + (long)(_checkEvery.TotalSeconds * clock.TimestampFrequency));
            _oneAtATime.Release();
        }
    }

    Task IScheduledJob.RunAsync(CancellationToken cancellationToken) => RefreshAsync(cancellationToken);

    /// <returns>True when a new model was swapped in.</returns>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        try { return await RefreshLockedAsync(cancellationToken); }
        finally { _oneAtATime.Release(); }
    }

    public void Dispose() => _oneAtATime.Dispose();

    private async Task<bool> RefreshLockedAsync(CancellationToken cancellationToken)
    {
        var latest = await store.LatestAsync(cancellationToken);
        if (latest is null || latest == _failed) return false;
        // Compare the hash as well as the version: a row republished before versions were immutable (0004)
        // carries new bytes under an old version.
        if (latest == _loaded && latest.Version == holder.Current.ModelVersion) return false;
        if (_loaded is null && latest.Version == holder.Current.ModelVersion)
        {
            // The shipped model and the published one share a version: nothing to swap, remember what is in use.
            _loaded = latest;
            return false;
        }
        try
        {
            var classifier = await store.LoadAsync(latest.Version, cancellationToken);
            var previous = holder.Replace(classifier);
            _loaded = latest;
            logger.LogInformation("Classifier {NewVersion} replaced {OldVersion}", latest.Version, previous?.ModelVersion);
            return true;
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or FormatException)
        {
            _failed = latest;
            logger.LogError(ex, "Published classifier {Version} could not be loaded; keeping the current one", latest.Version);
            return false;
        }
    }
}
