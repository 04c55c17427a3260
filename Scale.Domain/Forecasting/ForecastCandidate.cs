namespace Scale.Domain.Forecasting;

/// <summary>The first <see cref="Length"/> periods of a series: what a model may see at one forecast origin.</summary>
internal readonly record struct SeriesWindow(SpendingSeries Series, int Length, ForecastGranularity Granularity)
{
    public ReadOnlySpan<double> History => Series.Values.AsSpan(0, Length);

    /// <summary>The start of the period at <paramref name="index"/> (may lie past the window: a forecast period).</summary>
    public DateOnly PeriodAt(int index) => Granularity.Advance(Series.FirstPeriod, index);
}

/// <summary>One forecasting method the selector may choose for a series.</summary>
internal interface IForecastCandidate
{
    string Name { get; }

    /// <summary>Whether the window holds enough history for this method (the selector only compares methods that
    /// can forecast at every backtest origin).</summary>
    bool CanForecast(SeriesWindow window);

    /// <summary>Point forecasts for the <paramref name="horizon"/> periods after the window, each ≥ 0.</summary>
    double[] Forecast(SeriesWindow window, int horizon);
}
