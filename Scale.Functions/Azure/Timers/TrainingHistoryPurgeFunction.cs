using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Scale.Functions.Training;
using Scale.Functions.Triggers;

namespace Scale.Functions.Azure.Timers;

/// <summary>Daily: purge the Durable history of training runs that ended long ago (<see cref="ScheduledJobs.TrainingHistoryPurge"/>).</summary>
public sealed class TrainingHistoryPurgeFunction(TrainingHistoryPurger purger)
{
    [Function(ScheduledJobs.Names.TrainingHistoryPurge)]
    public Task Run(
        [TimerTrigger(ScheduledJobs.Cron.DailyAtThreeThirty)] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) => purger.PurgeAsync(new DurableClientRuns(client), cancellationToken);
}
