using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Scale.Functions.Training;

namespace Scale.Functions.Azure.Training;

/// <summary>The training orchestration (<see cref="TrainingOrchestrator"/>, shared with the local engine) as a Durable Functions orchestrator.</summary>
public static class TrainingOrchestratorFunction
{
    [Function(nameof(TrainingOrchestrator))]
    public static Task<TrainingOutcome> Run([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new TrainingOrchestrator().RunAsync(context, context.GetInput<TrainingRunInput>()!);
}
