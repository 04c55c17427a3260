using System.Buffers;
using System.Globalization;
using System.Text;

namespace Scale.Domain.Categorization;

/// <summary>
/// Multinomial logistic regression over hashed narration features. Immutable and thread-safe: per-call buffers
/// are pooled or on the stack, so classifying allocates only the analyzed narration and the result.
/// Alternatives are the model's top three categories (the first equals <c>Category</c> when Source is "model").
/// An empty/whitespace description does not throw; it returns Uncategorized with Source "default".
/// </summary>
public sealed class LinearTextClassifier : ITransactionClassifier
{
    private const int Alternatives = 3;
    private const int ExplainedFeatures = 3;

    internal LinearTextClassifier(LinearModel model, double? threshold = null)
    {
        Model = model;
        ConfidenceThreshold = threshold ?? model.Threshold;
    }

    internal LinearModel Model { get; }

    public string ModelVersion => Model.Version;

    /// <summary>The categories the model can output (Uncategorized is never a trained class).</summary>
    public IReadOnlyList<string> Categories => Model.Classes;

    /// <summary>Below this calibrated confidence the answer is Uncategorized; chosen on validation at training.</summary>
    public double ConfidenceThreshold { get; }

    /// <summary>The calibration temperature dividing the logits (fitted on a held-out split at training).</summary>
    public double Temperature => Model.Temperature;

    /// <summary>The same weights with a different abstention threshold (e.g. from configuration).</summary>
    public LinearTextClassifier WithThreshold(double threshold) => new(Model, Math.Clamp(threshold, 0, 1));

    public ClassificationResult Classify(ClassificationInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(input.Description);
        return Classify(input, NarrationAnalyzer.Analyze(input.Description));
    }

    /// <summary>As <see cref="Classify(ClassificationInput)"/> with the narration already analyzed (a caller that
    /// also feeds the analysis to the user's model reads each narration once).</summary>
    public ClassificationResult Classify(ClassificationInput input, NarrationInfo info)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(info);
        if (string.IsNullOrWhiteSpace(input.Description) && string.IsNullOrWhiteSpace(input.Merchant))
            return new ClassificationResult(Taxonomy.Uncategorized, 0, ClassificationSources.Default, ModelVersion, [],
                "empty description");

        var kind = CounterpartyClassifier.ForUser(info, input.Description, input.Holder);
        var buffer = ArrayPool<Feature>.Shared.Rent(NarrationFeatures.MaxFeatures);
        try
        {
            var count = NarrationFeatures.Extract(input, info, kind, Model.BucketMask, buffer.AsSpan(0, NarrationFeatures.MaxFeatures));
            var features = buffer.AsSpan(0, count);
            Span<float> probs = stackalloc float[Model.Classes.Count];
            Model.Score(features, probs);
            LinearModel.Softmax(probs, Model.Temperature);
            Span<int> top = stackalloc int[Math.Min(Alternatives, probs.Length)];
            TopK(probs, top);

            var alternatives = new CategoryScore[top.Length];
            for (var i = 0; i < top.Length; i++) alternatives[i] = new CategoryScore(Model.Classes[top[i]], Rounded(probs[top[i]]));
            var best = top[0];
            var explanation = Explain(features, best);
            var category = Model.Classes[best];
            double confidence = Rounded(probs[best]);
            if (CounterpartyRules.Decide(kind, probs, Model.Classes, top) is { } decision)
            {
                explanation = $"{decision.Reason}; model: {category} {confidence.ToString("0.00", CultureInfo.InvariantCulture)} ({explanation})";
                (category, confidence, alternatives) = (decision.Category, decision.Confidence, decision.Alternatives);
            }
            var result = confidence >= ConfidenceThreshold
                ? new ClassificationResult(category, confidence, ClassificationSources.Model, ModelVersion, alternatives, explanation)
                : new ClassificationResult(Taxonomy.Uncategorized, confidence, ClassificationSources.Default,
                    ModelVersion, alternatives,
                    string.Create(CultureInfo.InvariantCulture,
                        $"confidence {confidence:0.00} below {ConfidenceThreshold:0.00}; best guess {category}: {explanation}"));
            return info.Merchant is null ? result : result with { DetectedMerchant = info.Merchant };
        }
        finally
        {
            // Features hold references to the analyzed strings; clearing avoids keeping them alive in the pool.
            ArrayPool<Feature>.Shared.Return(buffer, clearArray: true);
        }
    }

    // Probabilities are float; widening 0.999f to double prints 0.9989759922027588. Four decimals is the precision
    // a calibrated confidence has, and what the API shows.
    private static double Rounded(float probability) => Math.Round((double)probability, 4);

    private static void TopK(ReadOnlySpan<float> probs, Span<int> top)
    {
        top.Fill(-1);
        for (var c = 0; c < probs.Length; c++)
        {
            for (var slot = 0; slot < top.Length; slot++)
            {
                if (top[slot] >= 0 && probs[top[slot]] >= probs[c]) continue;
                for (var j = top.Length - 1; j > slot; j--) top[j] = top[j - 1];
                top[slot] = c;
                break;
            }
        }
    }

    /// <summary>
    /// The features that pushed the chosen class up the most (value × weight for that class). Character n-grams
    /// are summed into one item for the name they came from: "chars of \"swiggy\"" reads better than "igg".
    /// </summary>
    private string Explain(ReadOnlySpan<Feature> features, int cls)
    {
        var k = Model.Classes.Count;
        Span<int> best = stackalloc int[ExplainedFeatures];
        Span<float> bestContribution = stackalloc float[ExplainedFeatures];
        best.Fill(-1);
        bestContribution.Clear();
        var gramTotal = 0f;
        var gramIndex = -1;
        for (var i = 0; i < features.Length; i++)
        {
            if (features[i].Kind == FeatureKind.Bias) continue;
            var contribution = features[i].Value * Model.Weights[features[i].Bucket * k + cls];
            if (features[i].Kind == FeatureKind.CharGram)
            {
                gramTotal += contribution;
                gramIndex = i;
                continue;
            }
            Insert(best, bestContribution, i, contribution);
        }
        if (gramIndex >= 0) Insert(best, bestContribution, -2 - gramIndex, gramTotal);

        var sb = new StringBuilder(96);
        for (var slot = 0; slot < ExplainedFeatures && best[slot] != -1; slot++)
        {
            if (sb.Length > 0) sb.Append(", ");
            var description = best[slot] >= 0
                ? FeatureDescriber.Describe(features[best[slot]])
                : $"chars of \"{features[-2 - best[slot]].Text!.Trim()}\"";
            sb.Append(description)
              .Append(CultureInfo.InvariantCulture, $" (+{bestContribution[slot]:0.0})");
        }
        return sb.Length > 0 ? sb.ToString() : "no distinctive features";
    }

    private static void Insert(Span<int> best, Span<float> bestContribution, int index, float contribution)
    {
        for (var slot = 0; slot < best.Length; slot++)
        {
            if (contribution <= bestContribution[slot]) continue;
            for (var j = best.Length - 1; j > slot; j--)
            {
                best[j] = best[j - 1];
                bestContribution[j] = bestContribution[j - 1];
            }
            best[slot] = index;
            bestContribution[slot] = contribution;
            return;
        }
    }
}
