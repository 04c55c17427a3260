using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Scale.Functions.Triggers;

namespace Scale.Functions.Azure.Timers;

/// <summary>Every five minutes until done: reference keys for rows stored before migration 0008 (<see cref="ScheduledJobs.ReferenceKeyBackfill"/>).</summary>
public sealed class ReferenceKeyBackfillFunction([FromKeyedServices(ScheduledJobs.Names.ReferenceKeyBackfill)] IScheduledJob job)
{
    [Function(ScheduledJobs.Names.ReferenceKeyBackfill)]
    public Task Run([TimerTrigger(ScheduledJobs.Cron.EveryFiveMinutes)] TimerInfo timer, CancellationToken cancellationToken) =>
        job.RunAsync(cancellationToken);
}
