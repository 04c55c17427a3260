using Microsoft.ML.Data;

namespace Scale.Domain.Categorization.UserModels;

/// <summary>One row as ML.NET sees it: the hashed narration features plus the base model's opinion.</summary>
internal sealed class UserModelRow
{
    public string Label { get; set; } = string.Empty;

    [VectorType(UserModelFeatures.Width)]
    public VBuffer<float> Features { get; set; }

    /// <summary>How many identical examples this row stands for (see <see cref="WeightedRows"/>); 1 when scoring.</summary>
    public float Weight { get; set; } = 1;
}

/// <summary>ML.NET's output for one row: per-category probabilities in the order of the label key's values.</summary>
internal sealed class UserModelScore
{
    public float[] Score { get; set; } = [];
}

/// <summary>
/// The features a user's model learns from: the same narration features the base model uses (tokens, the
/// counterparty, its kind and its character n-grams, UPI handle domain, channel, direction, amount band; see
/// <see cref="NarrationFeatures"/>), and, "on top of the base knowledge", the base model's top category with its
/// confidence. So the user's model only has to learn where this user differs from the base model: for payees it
/// never saw, the base model's opinion carries the decision.
/// </summary>
internal static class UserModelFeatures
{
    private const int HashBits = 14;
    private const int Buckets = 1 << HashBits;
    public const int Width = Buckets + 32;

    public static VBuffer<float> Build(ClassificationInput input, ClassificationResult baseOpinion) =>
        Build(input, NarrationAnalyzer.Analyze(input.Description), baseOpinion);

    /// <param name="info">The analysis of <paramref name="input"/>'s narration (the one the base model read).</param>
    public static VBuffer<float> Build(ClassificationInput input, NarrationInfo info, ClassificationResult baseOpinion)
    {
        var features = new Feature[NarrationFeatures.MaxFeatures];
        var kind = CounterpartyClassifier.ForUser(info, input.Description, input.Holder);
        var count = NarrationFeatures.Extract(input, info, kind, Buckets - 1, features);

        // The base opinion's slot is past every hashed bucket.
        var baseIndex = BaseSlot(baseOpinion.Category);
        return SparseFeatureVector.From(features.AsSpan(0, count), Width,
            baseIndex >= 0 ? Buckets + baseIndex : -1, (float)Math.Max(0.05, baseOpinion.Confidence) * 2f);
    }

    private static readonly string[] Categories = [.. Taxonomy.All];

    private static int BaseSlot(string category) => Array.IndexOf(Categories, category);
}
