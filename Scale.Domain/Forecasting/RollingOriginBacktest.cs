namespace Scale.Domain.Forecasting;

/// <summary>What one candidate did at each backtest origin: its forecasts and the actual values, step by step.</summary>
internal sealed record CandidateBacktest(IForecastCandidate Candidate, double[][] Predicted, double[][] Actual, double Mase)
{
    /// <summary>actual − predicted, per origin and horizon step.</summary>
    public double[][] Residuals() => Predicted.Select((p, o) => p.Select((value, h) => Actual[o][h] - value).ToArray()).ToArray();
}

/// <summary>
/// Rolling-origin evaluation on a user's own history: the series is cut at several origins near its end, each
/// candidate forecasts the requested horizon from each cut, and is scored by MASE — its mean absolute error over
/// the in-sample MAE of the seasonal naive forecast (the naive one for histories shorter than a season), so scores
/// are comparable between a ₹200 and a ₹20,000 category.
/// </summary>
internal static class RollingOriginBacktest
{
    /// <summary>Origins as periods held back from the end (each ≥ horizon, so every origin tests a full horizon).
    /// Weekly and monthly origins span about a year, so the choice is not made on one season's behaviour (a
    /// half-year of weekly origins took in the festival months and favoured the seasonal naive forecast everywhere).</summary>
    public static int[] HeldBack(ForecastGranularity granularity, int horizon)
    {
        var (origins, stride) = granularity switch
        {
            ForecastGranularity.Day => (10, 7),
            ForecastGranularity.Week => (12, 4),
            _ => (9, 1),
        };
        return Enumerable.Range(0, origins).Select(j => horizon + j * stride).ToArray();
    }

    /// <summary>The history an origin needs before it counts: enough for the seasonal and 12-period models.</summary>
    public static int MinimumTraining(ForecastGranularity granularity) => granularity switch
    {
        ForecastGranularity.Day => 28,
        ForecastGranularity.Week => 26,
        _ => 12,
    };

    /// <summary>The origins (periods held back) usable for a series of <paramref name="length"/>: those leaving the
    /// minimum training history, or, for a short history, any leaving three periods; empty when none do.</summary>
    public static int[] OriginsFor(int length, ForecastGranularity granularity, int horizon)
    {
        var heldBack = HeldBack(granularity, horizon);
        // Earliest origin first: models that fit parameters once (Holt-Winters) fit them on the shortest window.
        var full = heldBack.Where(k => length - k >= MinimumTraining(granularity)).OrderDescending().ToArray();
        return full.Length >= 2 ? full : heldBack.Where(k => length - k >= 3).OrderDescending().ToArray();
    }

    /// <summary>Runs <paramref name="candidate"/> at every origin; null when it cannot forecast at one of them.</summary>
    public static CandidateBacktest? Run(IForecastCandidate candidate, SpendingSeries series, ForecastGranularity granularity, int horizon, int[] origins, double scale)
    {
        var predicted = new double[origins.Length][];
        var actual = new double[origins.Length][];
        for (var o = 0; o < origins.Length; o++)
        {
            var window = new SeriesWindow(series, series.Length - origins[o], granularity);
            if (!candidate.CanForecast(window))
                return null;
            predicted[o] = candidate.Forecast(window, horizon);
            actual[o] = series.Values.AsSpan(window.Length, horizon).ToArray();
        }
        return new CandidateBacktest(candidate, predicted, actual, Mase(predicted, actual, scale));
    }

    /// <summary>Mean absolute error over every origin and step, over the series' <paramref name="scale"/>.</summary>
    public static double Mase(double[][] predicted, double[][] actual, double scale)
    {
        var absoluteError = 0.0;
        var count = 0;
        for (var o = 0; o < predicted.Length; o++)
            for (var h = 0; h < predicted[o].Length; h++)
            {
                absoluteError += Math.Abs(actual[o][h] - predicted[o][h]);
                count++;
            }
        return count == 0 ? 0 : absoluteError / count / scale;
    }

    /// <summary>The MASE denominator: in-sample MAE of the seasonal naive forecast (naive when the history is shorter
    /// than two seasons), falling back to the mean absolute value and then to 1 so an idle series never divides by 0.</summary>
    public static double MaseScale(ReadOnlySpan<double> history, int season)
    {
        var lag = history.Length > season ? season : 1;
        var scale = LaggedMae(history, lag);
        if (scale <= 1e-9 && lag != 1)
            scale = LaggedMae(history, 1);
        if (scale <= 1e-9)
        {
            var sum = 0.0;
            foreach (var value in history)
                sum += Math.Abs(value);
            scale = history.Length > 0 ? sum / history.Length : 0;
        }
        return scale <= 1e-9 ? 1 : scale;
    }

    private static double LaggedMae(ReadOnlySpan<double> history, int lag)
    {
        if (history.Length <= lag)
            return 0;
        var sum = 0.0;
        for (var t = lag; t < history.Length; t++)
            sum += Math.Abs(history[t] - history[t - lag]);
        return sum / (history.Length - lag);
    }
}
