namespace Scale.Domain.Forecasting;

/// <summary>The forecast API.md describes: series per category and <see cref="SpendingSeries.TotalCategory"/>, each
/// with its own chosen model, and an overall <see cref="Model"/> (the TOTAL series' choice) for the response.</summary>
public sealed record ForecastResult(
    ForecastGranularity Granularity,
    IReadOnlyList<ForecastSeries> Series,
    ForecastModelSummary Model);

public sealed record ForecastSeries(string Category, IReadOnlyList<ForecastPoint> Points, ForecastModelSummary Model);

/// <summary>One future period: the point forecast and its 80 % prediction interval (Lower ≥ 0).</summary>
public sealed record ForecastPoint(DateOnly PeriodStart, decimal Predicted, decimal Lower, decimal Upper);

/// <summary>How far to trust a forecast: the model chosen, its MASE over the rolling-origin backtest and how often
/// its 80 % band held the actual value there (both null when the history was too short to backtest).</summary>
public sealed record ForecastModelSummary(string Name, double? BacktestMase, double? IntervalCoverage)
{
    public static ForecastModelSummary None { get; } = new("none", null, null);
}
