using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Scale.Functions.Training;
using Scale.Functions.Triggers;

namespace Scale.Functions.Azure.Timers;

/// <summary>Every five minutes: fail training jobs whose run ended, vanished or overran (<see cref="ScheduledJobs.TrainingJobSweep"/>).</summary>
public sealed class TrainingJobSweepFunction(TrainingJobSweeper sweeper)
{
    [Function(ScheduledJobs.Names.TrainingJobSweep)]
    public Task Run(
        [TimerTrigger(ScheduledJobs.Cron.EveryFiveMinutes)] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) => sweeper.SweepAsync(new DurableClientRuns(client), cancellationToken);
}
