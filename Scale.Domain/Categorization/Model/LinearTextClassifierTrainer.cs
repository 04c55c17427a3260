namespace Scale.Domain.Categorization;

/// <summary>A transaction with the category a person (or the corpus) gave it.</summary>
public sealed record LabelledExample(ClassificationInput Input, string Category);

public sealed record TrainingOptions
{
    public string ModelVersion { get; init; } = "categorizer-dev";
    public int HashBits { get; init; } = 18;
    public int Epochs { get; init; } = 6;
    public float LearningRate { get; init; } = 0.5f;
    public float L2 { get; init; } = 1e-6f;
    public int Seed { get; init; } = 20240601;
    /// <summary>
    /// Probability of hiding each feature from one SGD step (dropout). It stops the model leaning on features that
    /// always co-occur in training layouts (a bank's markers next to a merchant), so the merchant words alone still
    /// score when the layout is unfamiliar or the narration is truncated.
    /// </summary>
    public float FeatureDropout { get; init; } = 0.2f;
    /// <summary>Used when no calibration set is given: abstention threshold without calibration.</summary>
    public float DefaultThreshold { get; init; } = 0.5f;
}

/// <summary>
/// Trains <see cref="LinearTextClassifier"/> by softmax regression with L2.
/// Optimizer: single-example SGD with AdaGrad per-weight step sizes. Why not L-BFGS (MathNet): with 2^18 buckets
/// × 21 classes every L-BFGS step needs a dense 5.5M-parameter gradient over the whole corpus, while one sparse
/// SGD step touches only the ~100 active features × 21 classes; AdaGrad gives rare tokens (new merchants) large
/// steps and frequent ones (channel, bias) small ones, which is what hashed text features need. It converges in a
/// few epochs. Deterministic: single-threaded, shuffled by a seeded <see cref="Random"/>, float math in fixed order.
/// </summary>
public static class LinearTextClassifierTrainer
{
    public static LinearTextClassifier Train(IReadOnlyList<LabelledExample> training,
        IReadOnlyList<LabelledExample>? calibration, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(options);
        if (training.Count == 0) throw new ArgumentException("No training examples.", nameof(training));
        var (classes, classIndex) = TrainedClasses();
        var k = classes.Length;
        var mask = (1 << options.HashBits) - 1;

        var data = Featurize(training, classIndex, mask);
        var weights = new float[(mask + 1) * k];
        var squares = new float[weights.Length];
        var bias = new float[k];
        var biasSquares = new float[k];
        var order = Enumerable.Range(0, data.Count).ToArray();
        var rng = new Random(options.Seed);
        var probs = new float[k];
        var kept = new Feature[NarrationFeatures.MaxFeatures];

        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            rng.Shuffle(order);
            foreach (var index in order)
            {
                var (all, label) = data[index];
                var n = 0;
                foreach (var f in all)
                    if (options.FeatureDropout <= 0 || rng.NextSingle() >= options.FeatureDropout) kept[n++] = f;
                var features = kept.AsSpan(0, n);
                ScoreInto(features, weights, bias, probs);
                LinearModel.Softmax(probs, 1f);
                for (var c = 0; c < k; c++)
                {
                    var g = probs[c] - (c == label ? 1f : 0f);
                    biasSquares[c] += g * g;
                    bias[c] -= options.LearningRate * g / MathF.Sqrt(biasSquares[c] + 1e-8f);
                }
                foreach (var f in features)
                {
                    var row = f.Bucket * k;
                    for (var c = 0; c < k; c++)
                    {
                        var w = weights[row + c];
                        var g = (probs[c] - (c == label ? 1f : 0f)) * f.Value + options.L2 * w;
                        squares[row + c] += g * g;
                        weights[row + c] = w - options.LearningRate * g / MathF.Sqrt(squares[row + c] + 1e-8f);
                    }
                }
            }
        }

        var uncalibrated = new LinearModel(options.ModelVersion, classes, options.HashBits, weights, bias, 1f,
            options.DefaultThreshold);
        if (calibration is null || calibration.Count == 0) return new LinearTextClassifier(uncalibrated);
        var calibrationData = Featurize(calibration, classIndex, mask);
        var (temperature, threshold) = Calibrator.Fit(uncalibrated, calibrationData);
        return new LinearTextClassifier(new LinearModel(options.ModelVersion, classes, options.HashBits, weights, bias,
            temperature, threshold));
    }

    /// <summary>The classes a base model scores (every category but Uncategorized, which is never trained) and their index.</summary>
    internal static (string[] Classes, Dictionary<string, int> Index) TrainedClasses()
    {
        var classes = Taxonomy.All.Where(c => c != Taxonomy.Uncategorized).ToArray();
        return (classes, classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal));
    }

    internal static List<(Feature[] Features, int Label)> Featurize(IReadOnlyList<LabelledExample> examples,
        Dictionary<string, int> classIndex, int mask)
    {
        var result = new List<(Feature[], int)>(examples.Count);
        var buffer = new Feature[NarrationFeatures.MaxFeatures];
        foreach (var example in examples)
        {
            if (!classIndex.TryGetValue(example.Category, out var label))
                throw new ArgumentException($"Unknown category '{example.Category}'.", nameof(examples));
            var info = NarrationAnalyzer.Analyze(example.Input.Description);
            var kind = CounterpartyClassifier.ForUser(info, example.Input.Description, example.Input.Holder);
            var n = NarrationFeatures.Extract(example.Input, info, kind, mask, buffer);
            // Training keeps only bucket and value: the descriptive fields are for explanations at serving time.
            var compact = new Feature[n];
            for (var i = 0; i < n; i++) compact[i] = new Feature { Bucket = buffer[i].Bucket, Value = buffer[i].Value };
            result.Add((compact, label));
        }
        return result;
    }

    internal static void ScoreInto(ReadOnlySpan<Feature> features, float[] weights, float[] bias, float[] scores)
    {
        var k = bias.Length;
        Array.Copy(bias, scores, k);
        foreach (var f in features)
        {
            var row = f.Bucket * k;
            for (var c = 0; c < k; c++) scores[c] += f.Value * weights[row + c];
        }
    }
}
