using MathNet.Numerics.Optimization;

namespace Scale.Domain.Categorization;

/// <summary>
/// Post-hoc calibration on a held-out set the weights never saw: temperature scaling (one scalar T dividing the
/// logits, chosen to minimise negative log-likelihood; it changes confidences, never the ranking), then the
/// abstention threshold that (nearly) maximises (correct accepted − wrong accepted): a confidently wrong category costs
/// as much as a right one is worth, while "Uncategorized" is neutral because the user is asked instead.
/// </summary>
internal static class Calibrator
{
    private const double MinTemperature = 0.25;
    private const double MaxTemperature = 8;

    public static (float Temperature, float Threshold) Fit(LinearModel model, List<(Feature[] Features, int Label)> data)
    {
        var k = model.Classes.Count;
        var logits = new float[data.Count][];
        for (var i = 0; i < data.Count; i++)
        {
            logits[i] = new float[k];
            model.Score(data[i].Features, logits[i]);
        }

        // NLL(log T) is smooth and unimodal in practice; MathNet's golden-section search over log T is enough.
        var objective = ObjectiveFunction.ScalarValue(logT => NegativeLogLikelihood(logits, data, Math.Exp(logT)));
        var minimum = GoldenSectionMinimizer.Minimum(objective, Math.Log(MinTemperature), Math.Log(MaxTemperature), 1e-4);
        var temperature = (float)Math.Exp(minimum.MinimizingPoint);

        var probs = new float[k];
        var confidences = new (float Confidence, bool Correct)[data.Count];
        for (var i = 0; i < data.Count; i++)
        {
            logits[i].CopyTo(probs, 0);
            LinearModel.Softmax(probs, temperature);
            var best = 0;
            for (var c = 1; c < k; c++) if (probs[c] > probs[best]) best = c;
            confidences[i] = (probs[best], best == data[i].Label);
        }

        // The utility curve is flat near its peak, so the arg-max jumps between retrains. Lowering the threshold from
        // the best t* to t changes utility by the net of the rows between them, whose sampling noise is about
        // √(rows between); the lowest t whose shortfall is within two of those standard errors cannot be told apart
        // from t* on this data, and answering more often is then the better choice (the user is asked less).
        var utilities = new List<(float Threshold, double Utility)>();
        for (var step = 0; step <= 24; step++)
        {
            var t = MathF.Round(0.2f + step * 0.025f, 3);
            double utility = 0;
            foreach (var (confidence, correct) in confidences)
                if (confidence >= t) utility += correct ? 1 : -1;
            utilities.Add((t, utility));
        }
        var peak = utilities.MaxBy(u => u.Utility);
        var bestThreshold = utilities.First(u =>
        {
            var between = confidences.Count(c => c.Confidence >= u.Threshold && c.Confidence < peak.Threshold);
            return u.Utility >= peak.Utility - 2 * Math.Sqrt(between);
        }).Threshold;
        return (temperature, bestThreshold);
    }

    private static double NegativeLogLikelihood(float[][] logits, List<(Feature[] Features, int Label)> data, double t)
    {
        double total = 0;
        for (var i = 0; i < logits.Length; i++)
        {
            var row = logits[i];
            double max = row.Max();
            double sum = 0;
            foreach (var s in row) sum += Math.Exp((s - max) / t);
            total += -((row[data[i].Label] - max) / t - Math.Log(sum));
        }
        return total / Math.Max(1, logits.Length);
    }
}
