using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Scale.Functions.Training;

/// <summary><see cref="ITrainingRuns"/> over a Microsoft.DurableTask client (the Functions flavor's [DurableClient]).</summary>
public sealed class DurableClientRuns(DurableTaskClient client) : ITrainingRuns
{
    /// <summary>The runtime states of a run that will not write again: what retention may purge.</summary>
    private static readonly OrchestrationRuntimeStatus[] Ended =
        [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated];

    public Task ScheduleAsync(TrainingRunInput input, CancellationToken cancellationToken) =>
        client.ScheduleNewOrchestrationInstanceAsync(new TaskName(nameof(TrainingOrchestrator)), input,
            new StartOrchestrationOptions { InstanceId = input.JobId.ToString() }, cancellationToken);

    public async Task<TrainingRunState> GetStateAsync(Guid jobId, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(jobId.ToString(), getInputsAndOutputs: false, cancellationToken);
        return instance?.RuntimeStatus switch
        {
            null => TrainingRunState.Missing,
            OrchestrationRuntimeStatus.Pending => TrainingRunState.Pending,
            OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended => TrainingRunState.Running,
            _ => TrainingRunState.Ended,
        };
    }

    public async Task TerminateAsync(Guid jobId, string reason, CancellationToken cancellationToken)
    {
        // Terminating an instance that already ended is refused by some backends; there is nothing left to stop then.
        if (await GetStateAsync(jobId, cancellationToken) is TrainingRunState.Missing or TrainingRunState.Ended) return;
        await client.TerminateInstanceAsync(jobId.ToString(), reason, cancellationToken);
    }

    public async Task<int> PurgeEndedAsync(DateTimeOffset createdBefore, CancellationToken cancellationToken) =>
        (await client.PurgeAllInstancesAsync(new PurgeInstancesFilter(null, createdBefore, Ended), cancellationToken))
        .PurgedInstanceCount;
}
