using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Scale.Functions.Triggers;

namespace Scale.Functions.Azure.Timers;

/// <summary>Hourly: deletes idempotency keys past their 24 hours (<see cref="ScheduledJobs.IdempotencyKeyPurge"/>).</summary>
public sealed class IdempotencyKeyPurgeFunction([FromKeyedServices(ScheduledJobs.Names.IdempotencyKeyPurge)] IScheduledJob job)
{
    [Function(ScheduledJobs.Names.IdempotencyKeyPurge)]
    public Task Run([TimerTrigger(ScheduledJobs.Cron.Hourly)] TimerInfo timer, CancellationToken cancellationToken) =>
        job.RunAsync(cancellationToken);
}
