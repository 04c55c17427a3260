using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Scale.Functions.Triggers;

namespace Scale.Functions.Azure.Timers;

/// <summary>Every minute: refits forecasts an import made stale (<see cref="ScheduledJobs.ForecastRefresh"/>).</summary>
public sealed class ForecastRefreshFunction([FromKeyedServices(ScheduledJobs.Names.ForecastRefresh)] IScheduledJob job)
{
    [Function(ScheduledJobs.Names.ForecastRefresh)]
    public Task Run([TimerTrigger(ScheduledJobs.Cron.EveryMinute)] TimerInfo timer, CancellationToken cancellationToken) =>
        job.RunAsync(cancellationToken);
}
