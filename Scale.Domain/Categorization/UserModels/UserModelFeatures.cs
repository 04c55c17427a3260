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

    public static VBuffer<float> Build(ClassificationInput input, ClassificationResult baseOpinion)
    {
        var info = NarrationAnalyzer.Analyze(input.Description);
        var features = new Feature[NarrationFeatures.MaxFeatures];
        var kind = CounterpartyClassifier.ForUser(info, input.Description, input.Holder);
        var count = NarrationFeatures.Extract(input, info, kind, Buckets - 1, features);

        // Hash collisions add up, as in the base model; ML.NET wants each index once and in order. Sorted arrays,
        // not a sorted dictionary: this runs once per row on every classify with a user model.
        var keys = new int[count + 1];
        var values = new float[count + 1];
        for (var i = 0; i < count; i++) (keys[i], values[i]) = (features[i].Bucket, features[i].Value);
        Array.Sort(keys, values, 0, count);
        var length = 0;
        for (var i = 0; i < count; i++)
        {
            if (length > 0 && keys[length - 1] == keys[i]) values[length - 1] += values[i];
            else (keys[length], values[length++]) = (keys[i], values[i]);
        }
        // The base opinion's slot is past every hashed bucket, so appending keeps the order.
        var baseIndex = BaseSlot(baseOpinion.Category);
        if (baseIndex >= 0) (keys[length], values[length++]) = (Buckets + baseIndex, (float)Math.Max(0.05, baseOpinion.Confidence) * 2f);
        return new VBuffer<float>(Width, length, values, keys);
    }

    private static readonly string[] Categories = [.. Taxonomy.All];

    private static int BaseSlot(string category) => Array.IndexOf(Categories, category);
}
