using Microsoft.ML;
using Microsoft.ML.Data;

namespace Scale.Domain.Categorization.UserModels;

/// <summary>How a training run prepares its rows; <see cref="Default"/> everywhere but the training benchmark's baseline.</summary>
/// <param name="ParallelFeatures">Featurize on every core (the base model and the analyzer are pure and thread-safe).</param>
/// <param name="MergeIdenticalRows">
/// Train on each distinct (label, feature vector) once, weighted by how often it occurs. The weighted objective is
/// the unweighted one (the loss is a sum over rows, the L2 term does not depend on the row count), so the model is the
/// same up to the optimizer's tolerance, while L-BFGS passes over far fewer rows: a history repeats its payees, and
/// the features leave out reference numbers.
/// </param>
public sealed record UserModelTrainingSettings(bool ParallelFeatures, bool MergeIdenticalRows)
{
    public static UserModelTrainingSettings Default { get; } = new(ParallelFeatures: true, MergeIdenticalRows: true);

    /// <summary>One row per example, featurized on one thread: the trainer before the speed work (bench/Training compares).</summary>
    public static UserModelTrainingSettings RowPerExample { get; } = new(ParallelFeatures: false, MergeIdenticalRows: false);
}

/// <summary>
/// Trains a user's category model with ML.NET: L-BFGS maximum entropy over <see cref="UserModelFeatures"/>. One
/// seeded <see cref="MLContext"/> per run, so the same examples give the same model (an activity retried after a
/// crash produces what the first attempt would have). The pipeline is saved as one ML.NET model file with its schema.
/// </summary>
public static class UserModelTrainer
{
    public const int Seed = 20_26;

    public static UserCategoryModel Train(IReadOnlyList<LabelledExample> training, ITransactionClassifier baseModel, string modelVersion,
        UserModelTrainingSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(baseModel);
        if (training.Count == 0) throw new ArgumentException("No training examples.", nameof(training));
        settings ??= UserModelTrainingSettings.Default;

        var ml = new MLContext(seed: Seed);
        var features = settings.ParallelFeatures
            ? training.AsParallel().AsOrdered().Select(e => UserModelFeatures.Build(e.Input, baseModel.Classify(e.Input))).ToArray()
            : training.Select(e => UserModelFeatures.Build(e.Input, baseModel.Classify(e.Input))).ToArray();
        var rows = settings.MergeIdenticalRows
            ? WeightedRows.Merge(training, features)
            : features.Select((f, i) => new UserModelRow { Label = training[i].Category, Features = f }).ToList();
        var data = ml.Data.LoadFromEnumerable(rows);
        // The cache keeps the featurized rows in memory: L-BFGS passes over the data once per iteration.
        var pipeline = ml.Transforms.Conversion.MapValueToKey(nameof(UserModelRow.Label))
            .AppendCacheCheckpoint(ml)
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(
                labelColumnName: nameof(UserModelRow.Label), featureColumnName: nameof(UserModelRow.Features),
                exampleWeightColumnName: nameof(UserModelRow.Weight),
                l2Regularization: 0.1f, l1Regularization: 0f, optimizationTolerance: 1e-5f, historySize: 20, enforceNonNegativity: false));
        var model = pipeline.Fit(data);

        using var artifact = new MemoryStream();
        ml.Model.Save(model, data.Schema, artifact);
        return UserCategoryModel.Load(artifact.ToArray(), modelVersion);
    }
}
