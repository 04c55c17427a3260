using Microsoft.Azure.Functions.Worker;
using Scale.Functions.Triggers;

namespace Scale.Functions.Azure.Timers;

/// <summary>Every five minutes: finish uploads whose blob event was lost or whose worker died (<see cref="StalledUploadSweeper"/>).</summary>
public sealed class StalledUploadSweepFunction(StalledUploadSweeper sweeper)
{
    [Function(nameof(StalledUploadSweepFunction))]
    public Task Run([TimerTrigger("0 */5 * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        sweeper.SweepAsync(cancellationToken);
}
