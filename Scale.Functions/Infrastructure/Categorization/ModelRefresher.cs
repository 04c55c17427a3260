using Microsoft.Extensions.Logging;
using Scale.Domain.Categorization;
using Scale.Functions.Triggers;

namespace Scale.Functions.Infrastructure.Categorization;

/// <summary>
/// Swaps in the newest published classifier when it differs from the one in use. Host-neutral: the local host
/// runs it on a PeriodicTimer, the Functions host on a TimerTrigger. A broken artifact is logged and skipped; the
/// current model keeps serving.
/// </summary>
public sealed class ModelRefresher(ClassifierHolder holder, ClassifierModelStore store, ILogger<ModelRefresher> logger) : IScheduledJob
{
    private string? _failedVersion;

    Task IScheduledJob.RunAsync(CancellationToken cancellationToken) => RefreshAsync(cancellationToken);

    public async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        var latest = await store.LatestVersionAsync(cancellationToken);
        if (latest is null || latest == _failedVersion || latest == holder.Current.ModelVersion) return false;
        try
        {
            var classifier = await store.LoadAsync(latest, cancellationToken);
            var previous = holder.Replace(classifier);
            logger.LogInformation("Classifier {NewVersion} replaced {OldVersion}", latest, previous?.ModelVersion);
            return true;
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or FormatException)
        {
            _failedVersion = latest;
            logger.LogError(ex, "Published classifier {Version} could not be loaded; keeping the current one", latest);
            return false;
        }
    }
}
