using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Scale.Domain.Categorization.UserModels;
using Scale.Functions.Infrastructure.Training;

namespace Scale.Functions.Training;

/// <summary>
/// One training run: load and split the user's labelled data → train a candidate → evaluate it and the model in
/// use on the same held-out rows → publish or keep → record the outcome. Only orchestrates: every effect is an
/// activity, the publish decision is the pure <see cref="PublishGate"/>, and nothing here reads a clock, a random
/// source or I/O, so a replay of the recorded history takes the same path. Runs unchanged in both hosts.
/// </summary>
public sealed class TrainingOrchestrator : TaskOrchestrator<TrainingRunInput, TrainingOutcome>
{
    /// <summary>Every activity is retried with the run's policy (declared once, here).</summary>
    public static TaskOptions Retry(TrainingRunInput run) => TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: Math.Max(1, run.MaxAttempts),
        firstRetryInterval: TimeSpan.FromSeconds(Math.Max(0.1, run.FirstRetrySeconds)),
        backoffCoefficient: 2.0));

    public override async Task<TrainingOutcome> RunAsync(TaskOrchestrationContext context, TrainingRunInput run)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(run);
        var logger = context.CreateReplaySafeLogger<TrainingOrchestrator>();
        var retry = Retry(run);
        try
        {
            context.SetCustomStatus(TrainingSteps.LoadingData);
            var data = await context.CallActivityAsync<DataSnapshot>(nameof(PrepareTrainingDataActivity), run, retry);
            if (data.Problem is { } problem) return await FailAsync(context, run, problem, retry);

            context.SetCustomStatus(TrainingSteps.Training);
            var candidate = await context.CallActivityAsync<CandidateModel>(nameof(TrainCandidateActivity), new CandidateRequest(run, data), retry);

            context.SetCustomStatus(TrainingSteps.Evaluating);
            var evaluation = await context.CallActivityAsync<Evaluation>(nameof(EvaluateCandidateActivity),
                new EvaluationRequest(run, data, candidate.ModelVersion), retry);

            var publish = PublishGate.ShouldPublish(evaluation.Accuracy, evaluation.BaselineAccuracy);
            if (publish)
            {
                context.SetCustomStatus(TrainingSteps.Publishing);
                // False when the job was failed meanwhile (the sweeper): nothing was published, and completing is a no-op.
                publish = await context.CallActivityAsync<bool>(nameof(PublishCandidateActivity), new PublishRequest(run, candidate.ModelVersion), retry);
            }

            var inUse = publish ? candidate.ModelVersion : evaluation.InUseIsUserModel ? evaluation.InUseVersion : null;
            var metrics = TrainingMetrics.From(evaluation, candidate.ModelVersion, publish);
            await context.CallActivityAsync<bool>(nameof(CompleteTrainingActivity), new CompletionRequest(run, metrics, inUse), retry);
            context.SetCustomStatus(TrainingSteps.Done);
            logger.LogInformation("Training job {JobId} completed: candidate {Candidate} {Accuracy} vs in use {InUse} {Baseline}; published {Published}",
                run.JobId, candidate.ModelVersion, evaluation.Accuracy, evaluation.InUseVersion, evaluation.BaselineAccuracy, publish);
            return new TrainingOutcome(TrainingStatuses.Completed, inUse, publish, null);
        }
        catch (TaskFailedException ex)
        {
            // The activity failed on every attempt of the policy: the job says which step and why.
            var error = $"The {ex.TaskName} step failed after {Math.Max(1, run.MaxAttempts)} attempts: {ex.FailureDetails.ErrorMessage}";
            // FailTrainingActivity writes the failure event (TelemetryNames.TrainingFailed) once the job is failed.
            logger.LogWarning("Training run {JobId} gave up at {Step}", run.JobId, ex.TaskName);
            return await FailAsync(context, run, error, retry);
        }
    }

    private static async Task<TrainingOutcome> FailAsync(TaskOrchestrationContext context, TrainingRunInput run, string error, TaskOptions retry)
    {
        await context.CallActivityAsync<bool>(nameof(FailTrainingActivity), new FailureRequest(run, error), retry);
        context.SetCustomStatus(TrainingSteps.Failed);
        return new TrainingOutcome(TrainingStatuses.Failed, null, false, error);
    }
}

/// <summary>The step names training_jobs.step takes (and the orchestration's custom status).</summary>
public static class TrainingSteps
{
    public const string Queued = "queued";
    public const string LoadingData = "loading_data";
    public const string Training = "training";
    public const string Evaluating = "evaluating";
    public const string Publishing = "publishing";
    public const string Done = "done";
    public const string Failed = "failed";
}
