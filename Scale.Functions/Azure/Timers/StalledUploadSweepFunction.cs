using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Scale.Functions.Triggers;

namespace Scale.Functions.Azure.Timers;

/// <summary>Every five minutes: finish uploads whose blob event was lost or whose worker died (<see cref="ScheduledJobs.StalledUploadSweep"/>).</summary>
public sealed class StalledUploadSweepFunction([FromKeyedServices(ScheduledJobs.Names.StalledUploadSweep)] IScheduledJob job)
{
    [Function(ScheduledJobs.Names.StalledUploadSweep)]
    public Task Run([TimerTrigger(ScheduledJobs.Cron.EveryFiveMinutes)] TimerInfo timer, CancellationToken cancellationToken) =>
        job.RunAsync(cancellationToken);
}
