namespace Scale.Domain.Forecasting;

/// <summary>
/// The forecasting entry point (API.md Forecasting): a user's debit spending, per category and in total, for the
/// next <c>horizon</c> periods, each series with the model its own backtest chose and an 80 % interval calibrated on
/// that backtest's errors. Pure and deterministic: the caller passes the rows and the "as of" date.
/// </summary>
public static class SpendingForecaster
{
    /// <summary>
    /// Bumped whenever a change here would forecast the same rows differently (a candidate, the model choice, the
    /// bands): a stored fit from another version is refitted on its next read instead of being served until the
    /// user's data changes. 2: the combination is replaced only by a consistently better model.
    /// </summary>
    public const int EngineVersion = 2;

    /// <summary>The longest horizon a caller may ask for at each granularity.</summary>
    public static int MaxHorizon(ForecastGranularity granularity) => granularity switch
    {
        ForecastGranularity.Day => 90,
        ForecastGranularity.Week => 26,
        _ => 12,
    };

    /// <summary>
    /// Forecasts every category and TOTAL, or only <paramref name="category"/> (case-insensitive; "TOTAL" for the
    /// total). A user with no spending gets no series, not an error. <see cref="ForecastResult.Model"/> is the TOTAL
    /// series' model (or the one filtered series').
    /// </summary>
    public static ForecastResult Forecast(IEnumerable<SpendingRow> rows, DateOnly asOf, ForecastGranularity granularity, int horizon, string? category = null)
    {
        var forecasts = Run(rows, asOf, granularity, horizon, category, keepCandidateForecasts: false);
        var series = forecasts.Select(f => ToApi(f, granularity)).ToList();
        var summary = series.FirstOrDefault(s => s.Category == SpendingSeries.TotalCategory)?.Model
            ?? series.FirstOrDefault()?.Model
            ?? ForecastModelSummary.None;
        return new ForecastResult(granularity, series, summary);
    }

    internal static IReadOnlyList<SeriesForecast> Run(IEnumerable<SpendingRow> rows, DateOnly asOf, ForecastGranularity granularity, int horizon, string? category, bool keepCandidateForecasts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(horizon, MaxHorizon(granularity));
        var all = SpendingSeries.Build(rows, asOf, granularity);
        var wanted = category is null
            ? all
            : all.Where(s => string.Equals(s.Category, category.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
        if (wanted.Count == 0)
            return [];
        var candidates = Candidates(all, granularity, horizon);
        return wanted.Select(s => SeriesForecaster.Forecast(s, granularity, horizon, candidates, keepCandidateForecasts)).ToList();
    }

    /// <summary>The candidates, simplest first (a tie in the backtest goes to the simpler one). The global model is
    /// trained at the longest series' earliest and middle backtest origins and on everything.</summary>
    private static List<IForecastCandidate> Candidates(IReadOnlyList<SpendingSeries> all, ForecastGranularity granularity, int horizon)
    {
        var candidates = new List<IForecastCandidate>
        {
            new NaiveForecast(),
            new SeasonalNaiveForecast(),
            new MovingMeanForecast(3),
            new MovingMeanForecast(12),
            new HoltWintersForecast(),
        };
        var longest = all.Max(s => s.Length);
        var origins = RollingOriginBacktest.OriginsFor(longest, granularity, horizon);
        if (GlobalBoostedCandidate.Train(all, granularity, origins) is { } boosted)
            candidates.Add(boosted);
        return candidates;
    }

    private static ForecastSeries ToApi(SeriesForecast forecast, ForecastGranularity granularity)
    {
        var first = granularity.Advance(forecast.Series.FirstPeriod, forecast.Series.Length);
        var points = forecast.Predicted.Select((p, h) => new ForecastPoint(
            granularity.Advance(first, h), Money(p), Money(forecast.Lower[h]), Money(forecast.Upper[h]))).ToList();
        return new ForecastSeries(forecast.Series.Category, points, new ForecastModelSummary(forecast.Model, forecast.BacktestMase, forecast.IntervalCoverage));
    }

    private static decimal Money(double value) => Math.Round((decimal)Math.Max(0, value), 2, MidpointRounding.AwayFromZero);
}
