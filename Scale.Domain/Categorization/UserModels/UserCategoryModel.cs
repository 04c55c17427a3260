using System.Collections.Concurrent;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Scale.Domain.Categorization.UserModels;

/// <summary>
/// One user's trained model, loaded from its ML.NET artifact. Thread-safe: ML.NET's PredictionEngine is not, so
/// engines are pooled and each call takes one for itself.
/// </summary>
public sealed class UserCategoryModel
{
    /// <summary>Below this the user's model has no opinion of its own and the base model decides.</summary>
    public const double MinConfidence = 0.5;
    private const int Alternatives = 3;

    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly string[] _categories;
    private readonly ConcurrentBag<PredictionEngine<UserModelRow, UserModelScore>> _engines = [];

    private UserCategoryModel(MLContext ml, ITransformer model, string[] categories, string version, byte[] artifact)
    {
        _ml = ml;
        _model = model;
        _categories = categories;
        ModelVersion = version;
        Artifact = artifact;
    }

    public string ModelVersion { get; }

    /// <summary>The ML.NET model file (pipeline + schema) as stored in Postgres.</summary>
    public byte[] Artifact { get; }

    public IReadOnlyList<string> Categories => _categories;

    public static UserCategoryModel Load(byte[] artifact, string modelVersion)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        var ml = new MLContext(seed: UserModelTrainer.Seed);
        ITransformer model;
        using (var stream = new MemoryStream(artifact, writable: false)) model = ml.Model.Load(stream, out _);

        // The categories in score order are the label key's values, which ML.NET keeps as the Score slot names.
        var probe = ml.Data.LoadFromEnumerable(Array.Empty<UserModelRow>());
        var scoreColumn = model.GetOutputSchema(probe.Schema)["Score"];
        var names = default(VBuffer<ReadOnlyMemory<char>>);
        scoreColumn.GetSlotNames(ref names);
        var categories = names.DenseValues().Select(n => n.ToString()).ToArray();
        return new UserCategoryModel(ml, model, categories, modelVersion, artifact);
    }

    /// <summary>The user's model's decision, or null when it is not confident enough to overrule the base model.</summary>
    public ClassificationResult? Classify(ClassificationInput input, ClassificationResult baseOpinion) =>
        Classify(input, NarrationAnalyzer.Analyze(input.Description), baseOpinion);

    /// <param name="info">The analysis of <paramref name="input"/>'s narration, shared with the base model.</param>
    public ClassificationResult? Classify(ClassificationInput input, NarrationInfo info, ClassificationResult baseOpinion)
    {
        var scores = Score(input, info, baseOpinion);
        var ranked = Enumerable.Range(0, scores.Length).OrderByDescending(i => scores[i]).ToList();
        if (ranked.Count == 0 || scores[ranked[0]] < MinConfidence) return null;
        var best = ranked[0];
        var alternatives = ranked.Skip(1).Take(Alternatives)
            .Select(i => new CategoryScore(_categories[i], Math.Round(scores[i], 4))).ToList();
        return new ClassificationResult(_categories[best], Math.Round(scores[best], 4), ClassificationSources.Model, ModelVersion,
            alternatives, $"Your model ({ModelVersion}), trained on your labelled transactions, chose {_categories[best]}.")
        {
            DetectedMerchant = baseOpinion.DetectedMerchant,
        };
    }

    /// <summary>The top category without the confidence floor (evaluation compares raw decisions).</summary>
    public string Predict(ClassificationInput input, ClassificationResult baseOpinion)
    {
        var scores = Score(input, NarrationAnalyzer.Analyze(input.Description), baseOpinion);
        var best = 0;
        for (var i = 1; i < scores.Length; i++) if (scores[i] > scores[best]) best = i;
        return _categories[best];
    }

    private float[] Score(ClassificationInput input, NarrationInfo info, ClassificationResult baseOpinion)
    {
        if (!_engines.TryTake(out var engine)) engine = _ml.Model.CreatePredictionEngine<UserModelRow, UserModelScore>(_model);
        try
        {
            return engine.Predict(new UserModelRow { Features = UserModelFeatures.Build(input, info, baseOpinion) }).Score;
        }
        finally
        {
            _engines.Add(engine);
        }
    }
}
