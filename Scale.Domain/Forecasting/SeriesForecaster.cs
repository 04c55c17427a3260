namespace Scale.Domain.Forecasting;

/// <summary>
/// Chooses and runs the forecast of one series: every candidate that can forecast at all the backtest origins is
/// backtested, the lowest MASE wins (ties go to the simpler method, listed first; the
/// combination is kept unless beaten clearly), and its backtest residuals set
/// the 80 % band. Histories too short to backtest get the mean of what there is (or the last value).
/// </summary>
internal static class SeriesForecaster
{
    private const double CombinationMargin = 0.10;

    public static SeriesForecast Forecast(SpendingSeries series, ForecastGranularity granularity, int horizon, IReadOnlyList<IForecastCandidate> candidates, bool keepCandidateForecasts)
    {
        var values = series.Values;
        if (values.All(v => v == 0))
            return Flat(series, "zero", 0, 0, 0, horizon);
        var origins = RollingOriginBacktest.OriginsFor(series.Length, granularity, horizon);
        if (origins.Length == 0)
            return ShortHistory(series, horizon);

        var scale = RollingOriginBacktest.MaseScale(values, granularity.SeasonLength());
        var backtests = candidates
            .Select(c => RollingOriginBacktest.Run(c, series, granularity, horizon, origins, scale))
            .OfType<CandidateBacktest>()
            .ToList();
        if (CombinedForecast.Backtest(backtests, scale) is { } combined)
            backtests.Add(combined);
        var best = Choose(backtests);
        var full = new SeriesWindow(series, series.Length, granularity);
        var predicted = best.Candidate.Forecast(full, horizon);
        var offsets = EmpiricalIntervals.Offsets(best.Residuals(), horizon);
        var bands = predicted.Select((p, h) => EmpiricalIntervals.Band(p, offsets[h])).ToArray();
        var forecasts = keepCandidateForecasts
            ? backtests.ToDictionary(b => b.Candidate.Name, b => b.Candidate == best.Candidate ? predicted : b.Candidate.Forecast(full, horizon))
            : new Dictionary<string, double[]>();
        return new SeriesForecast(
            series, best.Candidate.Name, predicted,
            bands.Select(b => b.Lower).ToArray(), bands.Select(b => b.Upper).ToArray(),
            best.Mase, EmpiricalIntervals.Coverage(best),
            backtests.ToDictionary(b => b.Candidate.Name, b => b.Mase), forecasts);
    }

    /// <summary>
    /// The lowest backtest MASE, except that the combination stays unless a single model beats it clearly: by more
    /// than a margin, and consistently across origins (the mean of its per-origin error advantage at least
    /// <see cref="ClearAdvantage"/> standard errors, a paired test in the manner of Diebold–Mariano). A few origins
    /// cannot tell near-equal models apart, and the combination is the safer bet then.
    /// </summary>
    internal static CandidateBacktest Choose(IReadOnlyList<CandidateBacktest> backtests)
    {
        var best = backtests.MinBy(b => b.Mase)!;
        var combined = backtests.FirstOrDefault(b => b.Candidate is CombinedForecast);
        if (combined is null || combined == best) return best;
        if (combined.Mase <= best.Mase * (1 + CombinationMargin)) return combined;
        return PairedAdvantage(combined, best) >= ClearAdvantage ? best : combined;
    }

    private const double ClearAdvantage = 2.0;

    /// <summary>t statistic of (combination's error − challenger's) over the backtest origins; ∞ when the challenger
    /// wins at every origin by the same amount.</summary>
    private static double PairedAdvantage(CandidateBacktest combined, CandidateBacktest challenger)
    {
        var n = combined.Predicted.Length;
        if (n < 2) return double.PositiveInfinity;
        var differences = new double[n];
        for (var o = 0; o < n; o++)
            differences[o] = OriginError(combined, o) - OriginError(challenger, o);
        var mean = differences.Average();
        var variance = differences.Sum(d => (d - mean) * (d - mean)) / (n - 1);
        if (variance <= 1e-18) return mean > 0 ? double.PositiveInfinity : 0;
        return mean / Math.Sqrt(variance / n);
    }

    private static double OriginError(CandidateBacktest backtest, int origin)
    {
        var predicted = backtest.Predicted[origin];
        var actual = backtest.Actual[origin];
        var sum = 0.0;
        for (var h = 0; h < predicted.Length; h++) sum += Math.Abs(actual[h] - predicted[h]);
        return predicted.Length == 0 ? 0 : sum / predicted.Length;
    }

    /// <summary>A handful of periods: the mean of the last three (or fewer), banded by the spread of what was seen —
    /// with one period, anything from nothing to twice it.</summary>
    private static SeriesForecast ShortHistory(SpendingSeries series, int horizon)
    {
        var values = series.Values;
        if (values.Length == 1)
            return Flat(series, "naive", values[0], 0, 2 * values[0], horizon);
        var recent = values[^Math.Min(3, values.Length)..];
        var mean = recent.Average();
        return Flat(series, recent.Length == 3 ? "mean3" : "mean", mean, Math.Min(mean, values.Min()), Math.Max(mean, values.Max()), horizon);
    }

    private static SeriesForecast Flat(SpendingSeries series, string model, double predicted, double lower, double upper, int horizon) => new(
        series, model,
        Enumerable.Repeat(predicted, horizon).ToArray(),
        Enumerable.Repeat(lower, horizon).ToArray(),
        Enumerable.Repeat(upper, horizon).ToArray(),
        null, null, new Dictionary<string, double>(), new Dictionary<string, double[]>());
}
