using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Scale.Domain.Categorization;
using Scale.Domain.Categorization.UserModels;
using Scale.Functions.Infrastructure.Categorization;
using Scale.Functions.Infrastructure.Training;

namespace Scale.Functions.Training;

// The training activities. Durable runs an activity at least once (a host killed mid-activity runs it again), so
// each is idempotent: status writes are guarded by the job's status, the candidate is keyed by its job, training
// is seeded (a rerun builds the same model), activation is a set, not a toggle. Each writes the job's step to
// Postgres as it starts. ExecuteAsync is what both hosts call: the local engine through a Microsoft.DurableTask
// TaskActivity adapter hosted by the shims, the Functions flavor from its [ActivityTrigger] one-liners. (The classes
// are not TaskActivity subclasses themselves: the Durable analyzers would then see each activity twice in the
// Functions flavor, as a class and as a function of the same name.)

/// <summary>A training activity's work, independent of the host that invokes it.</summary>
public interface ITrainingActivity<in TInput, TOutput>
{
    Task<TOutput> ExecuteAsync(TInput input, CancellationToken cancellationToken);
}

/// <summary>Marks the job processing, takes a fixed snapshot of the user's labelled examples and splits it by time.</summary>
public sealed class PrepareTrainingDataActivity(TrainingJobStore jobs, TrainingExampleStore examples) : ITrainingActivity<TrainingRunInput, DataSnapshot>
{
    public async Task<DataSnapshot> ExecuteAsync(TrainingRunInput run, CancellationToken cancellationToken)
    {
        await jobs.StepAsync(run.JobId, run.UserId, TrainingSteps.LoadingData, 0.1, cancellationToken);
        var (maxId, count, categories) = await examples.SnapshotAsync(run.UserId, cancellationToken);
        if (count < TrainingSplit.MinExamples)
            return new DataSnapshot(maxId, 0, 0, $"Training needs at least {TrainingSplit.MinExamples} labelled transactions; you have {count}. Upload a labelled file or correct more categories.");
        if (categories < 2)
            return new DataSnapshot(maxId, 0, 0, "Training needs labelled transactions in at least two categories.");
        var heldOut = Math.Max(1, (int)Math.Round(count * TrainingSplit.HeldOutShare));
        return new DataSnapshot(maxId, count - heldOut, heldOut, null);
    }
}

/// <summary>Trains the candidate on the older rows of the snapshot and stores it (inactive) under a version derived from the job.</summary>
public sealed class TrainCandidateActivity(
    TrainingJobStore jobs, TrainingExampleStore examples, UserModelStore models, ClassifierHolder baseModel,
    ILogger<TrainCandidateActivity> logger) : ITrainingActivity<CandidateRequest, CandidateModel>
{
    public async Task<CandidateModel> ExecuteAsync(CandidateRequest request, CancellationToken cancellationToken)
    {
        var run = request.Run;
        await jobs.StepAsync(run.JobId, run.UserId, TrainingSteps.Training, 0.3, cancellationToken);
        var version = VersionFor(run.JobId);
        if (await models.GetAsync(run.UserId, version, cancellationToken) is not null) return new CandidateModel(version); // a rerun: already trained

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var (train, _) = TrainingSplit.ByTime(await examples.LoadAsync(run.UserId, request.Data.MaxExampleId, cancellationToken));
        var loaded = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        var model = UserModelTrainer.Train(train, baseModel.Current, version);
        var trained = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        await models.SaveCandidateAsync(run.UserId, run.JobId, model, new { n_train = train.Count }, cancellationToken);
        logger.LogInformation("Trained {ModelVersion} on {Rows} rows: load {LoadMilliseconds} ms, train {TrainMilliseconds} ms, store {StoreMilliseconds} ms ({ArtifactBytes} bytes)",
            version, train.Count, loaded.TotalMilliseconds, (trained - loaded).TotalMilliseconds,
            (System.Diagnostics.Stopwatch.GetElapsedTime(started) - trained).TotalMilliseconds, model.Artifact.Length);
        return new CandidateModel(version);
    }

    /// <summary>A pure function of the job, so a retried step finds its own earlier candidate.</summary>
    public static string VersionFor(Guid jobId) => "user-" + jobId.ToString("N")[..16];
}

/// <summary>Scores the candidate and the model in use (the user's active model, else the base model) on the held-out rows, as classify would serve them.</summary>
public sealed class EvaluateCandidateActivity(
    TrainingJobStore jobs, TrainingExampleStore examples, UserModelStore models, ClassifierHolder baseModel) : ITrainingActivity<EvaluationRequest, Evaluation>
{
    public async Task<Evaluation> ExecuteAsync(EvaluationRequest request, CancellationToken cancellationToken)
    {
        var run = request.Run;
        await jobs.StepAsync(run.JobId, run.UserId, TrainingSteps.Evaluating, 0.6, cancellationToken);
        var (train, heldOut) = TrainingSplit.ByTime(await examples.LoadAsync(run.UserId, request.Data.MaxExampleId, cancellationToken));
        var candidate = await models.GetAsync(run.UserId, request.CandidateVersion, cancellationToken)
            ?? throw new InvalidOperationException($"Candidate {request.CandidateVersion} is not stored.");
        // Evaluation runs before publishing, so the active model is still the one the candidate has to beat.
        var active = await models.ActiveAsync(run.UserId, cancellationToken);

        var classifier = baseModel.Current;
        var labels = heldOut.Select(e => e.Category).ToList();
        // Both models are pure and thread-safe (the user model pools its engines): score on every core.
        var baseOpinions = heldOut.AsParallel().AsOrdered().Select(e => classifier.Classify(e.Input)).ToList();
        var candidateScores = ModelEvaluation.Score(labels, Served(candidate, heldOut, baseOpinions));
        var inUseScores = ModelEvaluation.Score(labels, active is null ? baseOpinions.Select(o => o.Category).ToList() : Served(active, heldOut, baseOpinions));
        var evaluation = new Evaluation(candidateScores.Accuracy, candidateScores.MacroF1, candidateScores.PerClassF1,
            inUseScores.Accuracy, inUseScores.MacroF1, active?.ModelVersion ?? classifier.ModelVersion, active is not null, train.Count, heldOut.Count);
        await models.RecordMetricsAsync(run.UserId, candidate.ModelVersion, TrainingMetrics.From(evaluation, candidate.ModelVersion, published: false), cancellationToken);
        return evaluation;
    }

    /// <summary>What classify answers with this user model in use: its decision, or the base model's when it has none.</summary>
    private static List<string> Served(UserCategoryModel model, IReadOnlyList<LabelledExample> rows, IReadOnlyList<ClassificationResult> baseOpinions) =>
        rows.AsParallel().AsOrdered().Select((e, i) => model.Classify(e.Input, baseOpinions[i])?.Category ?? baseOpinions[i].Category).ToList();
}

/// <summary>Makes the candidate the user's active model (every instance reads the active version from Postgres).</summary>
public sealed class PublishCandidateActivity(TrainingJobStore jobs, UserModelStore models) : ITrainingActivity<PublishRequest, bool>
{
    public async Task<bool> ExecuteAsync(PublishRequest request, CancellationToken cancellationToken)
    {
        // A job the sweeper already failed must not publish: the person was told it did not finish.
        if (!await jobs.StepAsync(request.Run.JobId, request.Run.UserId, TrainingSteps.Publishing, 0.9, cancellationToken)) return false;
        await models.ActivateAsync(request.Run.UserId, request.CandidateVersion, cancellationToken);
        return true;
    }
}

/// <summary>Records the outcome (completed, with the metrics and the model in use), then applies version retention.</summary>
public sealed class CompleteTrainingActivity(TrainingJobStore jobs, UserModelStore models, IOptions<TrainingOptions> options,
    ILogger<CompleteTrainingActivity> logger) : ITrainingActivity<CompletionRequest, bool>
{
    public async Task<bool> ExecuteAsync(CompletionRequest request, CancellationToken cancellationToken)
    {
        var run = request.Run;
        await models.RecordMetricsAsync(run.UserId, request.Metrics.CandidateModelVersion, request.Metrics, cancellationToken);
        var completed = await jobs.CompleteAsync(run.JobId, run.UserId, request.Metrics, request.ModelVersion, cancellationToken);
        await models.PruneAsync(run.UserId, options.Value.KeepVersions, cancellationToken);
        // Once per job (a rerun finds it completed): the workbook's training runs and durations (TelemetryNames.TrainingCompleted).
        if (completed && await jobs.GetAsync(run.UserId, run.JobId, cancellationToken) is { CompletedAt: { } end } job)
            logger.LogInformation("Training job {JobId} completed in {DurationSeconds} s on {TrainingRows} rows: accuracy {Accuracy} against {BaselineAccuracy}, published {Published}",
                run.JobId, Math.Round((end - job.CreatedAt).TotalSeconds, 1), request.Metrics.NTrain, request.Metrics.Accuracy,
                request.Metrics.BaselineAccuracy, request.Metrics.Published);
        return completed;
    }
}

/// <summary>Records the failure with its reason.</summary>
public sealed class FailTrainingActivity(TrainingJobStore jobs, ILogger<FailTrainingActivity> logger) : ITrainingActivity<FailureRequest, bool>
{
    public async Task<bool> ExecuteAsync(FailureRequest request, CancellationToken cancellationToken)
    {
        var failed = await jobs.FailAsync(request.Run.JobId, request.Run.UserId, request.Error, cancellationToken);
        if (failed) logger.LogWarning("Training job {JobId} failed: {Error}", request.Run.JobId, request.Error);
        return failed;
    }
}
