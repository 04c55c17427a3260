namespace Scale.Domain.Categorization.UserModels;

/// <summary>How well a model's decisions match held-out labels.</summary>
public sealed record ModelScores(double Accuracy, double MacroF1, IReadOnlyDictionary<string, double> PerClassF1);

public static class ModelEvaluation
{
    /// <summary>Accuracy, macro-F1 over the categories present in the labels or the predictions, and F1 per category.</summary>
    public static ModelScores Score(IReadOnlyList<string> labels, IReadOnlyList<string> predictions)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(predictions);
        if (labels.Count != predictions.Count) throw new ArgumentException("One prediction per label.", nameof(predictions));
        if (labels.Count == 0) return new ModelScores(0, 0, new Dictionary<string, double>());

        var correct = 0;
        var truePositives = new Dictionary<string, int>(StringComparer.Ordinal);
        var predicted = new Dictionary<string, int>(StringComparer.Ordinal);
        var actual = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < labels.Count; i++)
        {
            actual[labels[i]] = actual.GetValueOrDefault(labels[i]) + 1;
            predicted[predictions[i]] = predicted.GetValueOrDefault(predictions[i]) + 1;
            if (labels[i] != predictions[i]) continue;
            correct++;
            truePositives[labels[i]] = truePositives.GetValueOrDefault(labels[i]) + 1;
        }

        var perClass = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var category in actual.Keys.Union(predicted.Keys))
        {
            var tp = truePositives.GetValueOrDefault(category);
            var denominator = actual.GetValueOrDefault(category) + predicted.GetValueOrDefault(category);
            perClass[category] = Math.Round(denominator == 0 ? 0 : 2.0 * tp / denominator, 4);
        }
        return new ModelScores(Math.Round((double)correct / labels.Count, 4), Math.Round(perClass.Values.Average(), 4), perClass);
    }
}
