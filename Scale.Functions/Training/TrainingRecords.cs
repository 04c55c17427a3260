namespace Scale.Functions.Training;

// Inputs and outputs of the training orchestration and its activities: small records, recorded in the Durable
// history. Data (examples, artifacts) stays in Postgres and is read by the activities, never passed through here.

/// <summary>
/// The orchestration's input. Retry settings travel with it, so a replay uses the policy the run started with.
/// </summary>
public sealed record TrainingRunInput(Guid JobId, string UserId, int MaxAttempts, double FirstRetrySeconds);

/// <summary>The labelled examples a run uses: ids up to <paramref name="MaxExampleId"/>, split by time.</summary>
/// <param name="Problem">Why the user's data cannot train a model (not retried: more attempts will not add data).</param>
public sealed record DataSnapshot(long MaxExampleId, int NTrain, int NTest, string? Problem);

public sealed record CandidateRequest(TrainingRunInput Run, DataSnapshot Data);

public sealed record CandidateModel(string ModelVersion);

public sealed record EvaluationRequest(TrainingRunInput Run, DataSnapshot Data, string CandidateVersion);

/// <summary>The candidate and the model in use, scored on the same held-out rows.</summary>
/// <param name="InUseVersion">The user's active model, or the base model's version when they have none.</param>
/// <param name="InUseIsUserModel">False when the base model is in use (nothing to keep in user_models).</param>
public sealed record Evaluation(
    double Accuracy, double MacroF1, IReadOnlyDictionary<string, double> PerClassF1,
    double BaselineAccuracy, double BaselineMacroF1, string InUseVersion, bool InUseIsUserModel, int NTrain, int NTest);

public sealed record PublishRequest(TrainingRunInput Run, string CandidateVersion);

/// <summary>What a job's metrics say (GET /training/status): the candidate's scores, the baseline's, the outcome.</summary>
public sealed record TrainingMetrics(
    double Accuracy, double MacroF1, int NTrain, int NTest, IReadOnlyDictionary<string, double> PerClassF1,
    double BaselineAccuracy, double BaselineMacroF1, string BaselineModelVersion, string CandidateModelVersion, bool Published)
{
    public static TrainingMetrics From(Evaluation evaluation, string candidateVersion, bool published) => new(
        evaluation.Accuracy, evaluation.MacroF1, evaluation.NTrain, evaluation.NTest, evaluation.PerClassF1,
        evaluation.BaselineAccuracy, evaluation.BaselineMacroF1, evaluation.InUseVersion, candidateVersion, published);
}

/// <param name="ModelVersion">The user's model in use after the run (null: still the base model).</param>
public sealed record CompletionRequest(TrainingRunInput Run, TrainingMetrics Metrics, string? ModelVersion);

public sealed record FailureRequest(TrainingRunInput Run, string Error);

/// <summary>The orchestration's output (operators read it in the Durable state; people read training_jobs).</summary>
public sealed record TrainingOutcome(string Status, string? ModelVersion, bool Published, string? Error);
