namespace Scale.Domain.Categorization;

/// <summary>
/// The learned parameters: one float weight per (hashed bucket, class), stored row-major by bucket so a feature's
/// weights for all classes sit in one cache line run. Immutable after construction; shared by classifiers.
/// </summary>
internal sealed class LinearModel
{
    public LinearModel(string version, IReadOnlyList<string> classes, int hashBits, float[] weights, float[] bias,
        float temperature, float threshold)
    {
        if (weights.Length != (1 << hashBits) * classes.Count) throw new ArgumentException("Weight shape mismatch.", nameof(weights));
        if (bias.Length != classes.Count) throw new ArgumentException("Bias shape mismatch.", nameof(bias));
        Version = version;
        Classes = classes;
        HashBits = hashBits;
        Weights = weights;
        Bias = bias;
        Temperature = temperature;
        Threshold = threshold;
    }

    public string Version { get; }
    public IReadOnlyList<string> Classes { get; }
    public int HashBits { get; }
    public int BucketMask => (1 << HashBits) - 1;
    public float[] Weights { get; }
    public float[] Bias { get; }
    public float Temperature { get; }
    public float Threshold { get; }

    /// <summary>Raw class scores (logits) for the active features.</summary>
    public void Score(ReadOnlySpan<Feature> features, Span<float> scores)
    {
        var k = Classes.Count;
        Bias.AsSpan().CopyTo(scores);
        var weights = Weights.AsSpan();
        foreach (ref readonly var f in features)
        {
            var row = weights.Slice(f.Bucket * k, k);
            for (var c = 0; c < k; c++) scores[c] += f.Value * row[c];
        }
    }

    /// <summary>Softmax of logits/T in place (max-shifted for stability).</summary>
    public static void Softmax(Span<float> scores, float temperature)
    {
        var max = float.NegativeInfinity;
        foreach (var s in scores) max = MathF.Max(max, s);
        var sum = 0f;
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = MathF.Exp((scores[i] - max) / temperature);
            sum += scores[i];
        }
        for (var i = 0; i < scores.Length; i++) scores[i] /= sum;
    }
}
