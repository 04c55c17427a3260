namespace Scale.Bench.Categorization;

/// <summary>Accuracy and macro-F1 (mean over the true categories present; Uncategorized counts as wrong).</summary>
internal static class Metrics
{
    public static (double Accuracy, double MacroF1) Score(IReadOnlyList<string> truth, IReadOnlyList<string> predicted)
    {
        var correct = 0;
        var tp = new Dictionary<string, int>();
        var fp = new Dictionary<string, int>();
        var fn = new Dictionary<string, int>();
        for (var i = 0; i < truth.Count; i++)
        {
            if (truth[i] == predicted[i])
            {
                correct++;
                Bump(tp, truth[i]);
            }
            else
            {
                Bump(fn, truth[i]);
                Bump(fp, predicted[i]);
            }
        }
        var classes = truth.Distinct().ToList();
        double f1Sum = 0;
        foreach (var c in classes)
        {
            var t = tp.GetValueOrDefault(c);
            var precision = t + fp.GetValueOrDefault(c) == 0 ? 0 : (double)t / (t + fp.GetValueOrDefault(c));
            var recall = t + fn.GetValueOrDefault(c) == 0 ? 0 : (double)t / (t + fn.GetValueOrDefault(c));
            f1Sum += precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        }
        return ((double)correct / Math.Max(1, truth.Count), f1Sum / Math.Max(1, classes.Count));
    }

    private static void Bump(Dictionary<string, int> d, string key) => d[key] = d.GetValueOrDefault(key) + 1;
}
