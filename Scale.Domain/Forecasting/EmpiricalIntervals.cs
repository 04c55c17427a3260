namespace Scale.Domain.Forecasting;

/// <summary>
/// 80 % prediction intervals from the backtest's own errors (empirical residual quantiles per horizon step): the band
/// around a forecast h steps ahead is the 10th–90th percentile of the residuals the chosen model made h steps ahead
/// (steps nearby pooled in until there are enough), with the split-conformal finite-sample correction. Lower bounds stop at zero: spending
/// is never negative.
/// </summary>
internal static class EmpiricalIntervals
{
    private const double Miss = 0.10;
    private const int MinimumPool = 20;

    /// <summary>(lower, upper) offsets from the point forecast for each of <paramref name="horizon"/> steps.</summary>
    public static (double Lower, double Upper)[] Offsets(IReadOnlyList<double[]> residuals, int horizon)
    {
        var offsets = new (double, double)[horizon];
        for (var h = 0; h < horizon; h++)
        {
            var pool = Pool(residuals, h, horizon);
            offsets[h] = pool.Length == 0 ? (0, 0) : (Math.Min(0, LowerQuantile(pool)), Math.Max(0, UpperQuantile(pool)));
        }
        return offsets;
    }

    /// <summary>The band for one forecast value: contains it, never below zero.</summary>
    public static (double Lower, double Upper) Band(double predicted, (double Lower, double Upper) offset) =>
        (Math.Max(0, predicted + offset.Lower), Math.Max(predicted, predicted + offset.Upper));

    /// <summary>Honest coverage of the band on the backtest: each origin's actual values are checked against a band
    /// calibrated on the other origins only (leave one origin out), so the figure is not in-sample by construction.</summary>
    public static double? Coverage(CandidateBacktest backtest)
    {
        var residuals = backtest.Residuals();
        if (residuals.Length < 2)
            return null;
        var horizon = residuals[0].Length;
        var inside = 0;
        var total = 0;
        for (var o = 0; o < residuals.Length; o++)
        {
            var others = residuals.Where((_, i) => i != o).ToArray();
            var offsets = Offsets(others, horizon);
            for (var h = 0; h < horizon; h++)
            {
                var (lower, upper) = Band(backtest.Predicted[o][h], offsets[h]);
                var actual = backtest.Actual[o][h];
                inside += actual >= lower - 1e-9 && actual <= upper + 1e-9 ? 1 : 0;
                total++;
            }
        }
        return (double)inside / total;
    }

    private static double[] Pool(IReadOnlyList<double[]> residuals, int step, int horizon)
    {
        for (var width = 0; ; width++)
        {
            var from = Math.Max(0, step - width);
            var to = Math.Min(horizon - 1, step + width);
            var pool = residuals.SelectMany(r => r[from..(to + 1)]).Order().ToArray();
            if (pool.Length >= MinimumPool || (from == 0 && to == horizon - 1))
                return pool;
        }
    }

    // The split-conformal finite-sample correction, (1 − α/2)(n + 1)/n, interpolated rather than rounded up to an
    // order statistic: with 20–30 residuals the rounded rank overshoots (a 93 % band), the plain quantile undershoots.
    private static double LowerQuantile(double[] sorted) => Quantile(sorted, 1 - CorrectedLevel(sorted.Length));

    private static double UpperQuantile(double[] sorted) => Quantile(sorted, CorrectedLevel(sorted.Length));

    private static double CorrectedLevel(int n) => Math.Min(1, (1 - Miss) * (n + 1) / n);

    /// <summary>The empirical quantile, interpolated between order statistics (Hyndman–Fan type 7).</summary>
    private static double Quantile(double[] sorted, double p)
    {
        var position = p * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
