using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Scale.Functions.Training;

/// <summary><see cref="ITrainingRuns"/> over a Microsoft.DurableTask client (the Functions flavor's [DurableClient]).</summary>
public sealed class DurableClientRuns(DurableTaskClient client) : ITrainingRuns
{
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
}
