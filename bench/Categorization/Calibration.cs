using Scale.Domain.Categorization;

namespace Scale.Bench.Categorization;

/// <summary>
/// How far confidences can be trusted. ECE: rows binned by confidence in ten equal-width bins; the gap between
/// each bin's mean confidence and its accuracy, weighted by the bin's share of rows. The guess scored is the
/// answer, or for an abstention the best alternative (whose confidence the result carries). Confident-wrong:
/// among rows answered (not Uncategorized) with confidence ≥ 0.90, the share whose category is wrong.
/// </summary>
internal static class Calibration
{
    public const double ConfidentLevel = 0.90;
    private const int Bins = 10;

    public static (double Ece, double ConfidentShare, double ConfidentWrong) Measure(IReadOnlyList<string> truth,
        IReadOnlyList<ClassificationResult> results)
    {
        var count = new int[Bins];
        var confidenceSum = new double[Bins];
        var correctSum = new int[Bins];
        int confident = 0, confidentWrong = 0;
        for (var i = 0; i < results.Count; i++)
        {
            var r = results[i];
            var guess = r.Category == Taxonomy.Uncategorized && r.Alternatives.Count > 0 ? r.Alternatives[0].Category : r.Category;
            var bin = Math.Min(Bins - 1, (int)(r.Confidence * Bins));
            count[bin]++;
            confidenceSum[bin] += r.Confidence;
            if (guess == truth[i]) correctSum[bin]++;
            if (r.Category != Taxonomy.Uncategorized && r.Confidence >= ConfidentLevel)
            {
                confident++;
                if (r.Category != truth[i]) confidentWrong++;
            }
        }
        double ece = 0;
        for (var b = 0; b < Bins; b++)
            if (count[b] > 0) ece += Math.Abs(confidenceSum[b] / count[b] - (double)correctSum[b] / count[b]) * count[b] / results.Count;
        var n = Math.Max(1, results.Count);
        return (ece, (double)confident / n, confident == 0 ? 0 : (double)confidentWrong / confident);
    }
}
