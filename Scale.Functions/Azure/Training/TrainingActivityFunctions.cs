using Microsoft.Azure.Functions.Worker;
using Scale.Functions.Training;

namespace Scale.Functions.Azure.Training;

/// <summary>The training activities (Training/, shared with the local engine) as Durable Functions activities.</summary>
public sealed class TrainingActivityFunctions(
    PrepareTrainingDataActivity prepare,
    TrainCandidateActivity train,
    EvaluateCandidateActivity evaluate,
    PublishCandidateActivity publish,
    CompleteTrainingActivity complete,
    FailTrainingActivity fail)
{
    [Function(nameof(PrepareTrainingDataActivity))]
    public Task<DataSnapshot> Prepare([ActivityTrigger] TrainingRunInput input, CancellationToken cancellationToken) =>
        prepare.ExecuteAsync(input, cancellationToken);

    [Function(nameof(TrainCandidateActivity))]
    public Task<CandidateModel> Train([ActivityTrigger] CandidateRequest input, CancellationToken cancellationToken) =>
        train.ExecuteAsync(input, cancellationToken);

    [Function(nameof(EvaluateCandidateActivity))]
    public Task<Evaluation> Evaluate([ActivityTrigger] EvaluationRequest input, CancellationToken cancellationToken) =>
        evaluate.ExecuteAsync(input, cancellationToken);

    [Function(nameof(PublishCandidateActivity))]
    public Task<bool> Publish([ActivityTrigger] PublishRequest input, CancellationToken cancellationToken) =>
        publish.ExecuteAsync(input, cancellationToken);

    [Function(nameof(CompleteTrainingActivity))]
    public Task<bool> Complete([ActivityTrigger] CompletionRequest input, CancellationToken cancellationToken) =>
        complete.ExecuteAsync(input, cancellationToken);

    [Function(nameof(FailTrainingActivity))]
    public Task<bool> Fail([ActivityTrigger] FailureRequest input, CancellationToken cancellationToken) =>
        fail.ExecuteAsync(input, cancellationToken);
}
