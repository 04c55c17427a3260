using Microsoft.ML;
using Microsoft.ML.Data;

namespace Scale.Domain.Categorization.UserModels;

/// <summary>
/// Trains a user's category model with ML.NET: L-BFGS maximum entropy over <see cref="UserModelFeatures"/>. One
/// seeded <see cref="MLContext"/> per run, so the same examples give the same model (an activity retried after a
/// crash produces what the first attempt would have). The pipeline is saved as one ML.NET model file with its schema.
/// </summary>
public static class UserModelTrainer
{
    public const int Seed = 20_26;

    public static UserCategoryModel Train(IReadOnlyList<LabelledExample> training, ITransactionClassifier baseModel, string modelVersion)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(baseModel);
        if (training.Count == 0) throw new ArgumentException("No training examples.", nameof(training));

        var ml = new MLContext(seed: Seed);
        var rows = training.Select(e => new UserModelRow
        {
            Label = e.Category,
            Features = UserModelFeatures.Build(e.Input, baseModel.Classify(e.Input)),
        }).ToList();
        var data = ml.Data.LoadFromEnumerable(rows);
        // The cache keeps the featurized rows in memory: L-BFGS passes over the data once per iteration.
        var pipeline = ml.Transforms.Conversion.MapValueToKey(nameof(UserModelRow.Label))
            .AppendCacheCheckpoint(ml)
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(
                labelColumnName: nameof(UserModelRow.Label), featureColumnName: nameof(UserModelRow.Features),
                l2Regularization: 0.1f, l1Regularization: 0f, optimizationTolerance: 1e-5f, historySize: 20, enforceNonNegativity: false));
        var model = pipeline.Fit(data);

        using var artifact = new MemoryStream();
        ml.Model.Save(model, data.Schema, artifact);
        return UserCategoryModel.Load(artifact.ToArray(), modelVersion);
    }
}
