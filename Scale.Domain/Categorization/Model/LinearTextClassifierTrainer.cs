using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Scale.Domain.Categorization;

/// <summary>A transaction with the category a person (or the corpus) gave it.</summary>
public sealed record LabelledExample(ClassificationInput Input, string Category);

public sealed record TrainingOptions
{
    public string ModelVersion { get; init; } = "categorizer-dev";
    public int HashBits { get; init; } = 18;
    /// <summary>
    /// L2 regularization of the maximum-entropy fit. 3 is what the base model uses: of 0.3, 1 and 3 it scored best on
    /// the development half of unseen merchants (bench/Categorization `compare`), i.e. weights spread over the rail,
    /// remark, handle and amount instead of leaning on one merchant token.
    /// </summary>
    public float L2 { get; init; } = 3f;
    /// <summary>ML.NET's seed (its L-BFGS is deterministic on one thread; the seed is kept for its data views).</summary>
    public int Seed { get; init; } = 20_26;
    /// <summary>Used when no calibration set is given: abstention threshold without calibration.</summary>
    public float DefaultThreshold { get; init; } = 0.5f;
}

/// <summary>
/// Trains <see cref="LinearTextClassifier"/> with ML.NET: multinomial logistic regression (L-BFGS maximum entropy)
/// over the hashed narration features of <see cref="NarrationFeatures"/>. The fitted weights and biases are copied out
/// of ML.NET's model into the <see cref="LinearModel"/> layout, so serving keeps the artifact format, the
/// allocation-free scorer and the per-feature explanations; calibration is <see cref="Calibrator"/>. Same data and
/// options → byte-identical model (one thread, fixed iteration order). This replaced a hand-written AdaGrad SGD
/// trainer once ML.NET matched or beat it on every evaluation set (issue 8; figures in the README).
/// </summary>
public static class LinearTextClassifierTrainer
{
    private sealed class Row
    {
        public string Label { get; set; } = string.Empty;
        public VBuffer<float> Features { get; set; }
    }

    private sealed class KeyValue
    {
        public string Label { get; set; } = string.Empty;
    }

    public static LinearTextClassifier Train(IReadOnlyList<LabelledExample> training,
        IReadOnlyList<LabelledExample>? calibration, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(options);
        if (training.Count == 0) throw new ArgumentException("No training examples.", nameof(training));
        var (classes, classIndex) = TrainedClasses();
        var k = classes.Length;
        var width = 1 << options.HashBits;
        var mask = width - 1;

        var rows = Featurize(training, classIndex, mask)
            .Select(d => new Row { Label = classes[d.Label], Features = SparseFeatureVector.From(d.Features, width) }).ToList();
        var ml = new MLContext(seed: options.Seed);
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        var view = ml.Data.LoadFromEnumerable(rows, schema);
        // The label keys in our class order, so ML.NET's class j is classes[j] (checked below against the slot names).
        var keys = ml.Data.LoadFromEnumerable(classes.Select(c => new KeyValue { Label = c }));
        var pipeline = ml.Transforms.Conversion.MapValueToKey(nameof(Row.Label), keyData: keys)
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = nameof(Row.Label),
                FeatureColumnName = nameof(Row.Features),
                L2Regularization = options.L2,
                L1Regularization = 0,
                OptimizationTolerance = 1e-6f,
                HistorySize = 10,
                MaximumNumberOfIterations = 300,
                NumberOfThreads = 1,
            }));
        var fitted = pipeline.Fit(view);
        var slotNames = default(VBuffer<ReadOnlyMemory<char>>);
        fitted.GetOutputSchema(view.Schema)["Score"].GetSlotNames(ref slotNames);
        if (!slotNames.DenseValues().Select(n => n.ToString()).SequenceEqual(classes))
            throw new InvalidOperationException("ML.NET's classes are not in the taxonomy's order.");

        var model = fitted.LastTransformer.Model;
        VBuffer<float>[] perClass = [];
        model.GetWeights(ref perClass, out var numClasses);
        if (numClasses != k) throw new InvalidOperationException($"ML.NET returned {numClasses} classes for {k}.");
        var weights = new float[width * k];
        for (var c = 0; c < k; c++)
            foreach (var (index, value) in perClass[c].Items())
                weights[index * k + c] = value;
        var bias = model.GetBiases().ToArray();

        var uncalibrated = new LinearModel(options.ModelVersion, classes, options.HashBits, weights, bias, 1f, options.DefaultThreshold);
        if (calibration is null || calibration.Count == 0) return new LinearTextClassifier(uncalibrated);
        var (temperature, threshold) = Calibrator.Fit(uncalibrated, Featurize(calibration, classIndex, mask));
        return new LinearTextClassifier(new LinearModel(options.ModelVersion, classes, options.HashBits, weights, bias, temperature, threshold));
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
}
