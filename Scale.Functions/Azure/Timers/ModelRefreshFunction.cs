using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Scale.Functions.Triggers;

namespace Scale.Functions.Azure.Timers;

/// <summary>Every minute: swap in a newly published classifier (<see cref="ScheduledJobs.ModelRefresh"/>).</summary>
public sealed class ModelRefreshFunction([FromKeyedServices(ScheduledJobs.Names.ModelRefresh)] IScheduledJob job)
{
    [Function(ScheduledJobs.Names.ModelRefresh)]
    public Task Run([TimerTrigger(ScheduledJobs.Cron.EveryMinute)] TimerInfo timer, CancellationToken cancellationToken) =>
        job.RunAsync(cancellationToken);
}
