using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Scale.Functions.Triggers;

namespace Scale.Functions.Azure.Timers;

/// <summary>Every minute: recomputes the alerts of users whose transactions changed (<see cref="ScheduledJobs.AnomalyRecompute"/>).</summary>
public sealed class AnomalyRecomputeFunction([FromKeyedServices(ScheduledJobs.Names.AnomalyRecompute)] IScheduledJob job)
{
    [Function(ScheduledJobs.Names.AnomalyRecompute)]
    public Task Run([TimerTrigger(ScheduledJobs.Cron.EveryMinute)] TimerInfo timer, CancellationToken cancellationToken) =>
        job.RunAsync(cancellationToken);
}
