namespace Scale.Domain.Forecasting;

/// <summary>The last value, repeated.</summary>
internal sealed class NaiveForecast : IForecastCandidate
{
    public string Name => "naive";

    public bool CanForecast(SeriesWindow window) => window.Length >= 1;

    public double[] Forecast(SeriesWindow window, int horizon)
    {
        var last = window.History[^1];
        return Enumerable.Repeat(last, horizon).ToArray();
    }
}

/// <summary>The value one season earlier (a week of days, a year of weeks or months).</summary>
internal sealed class SeasonalNaiveForecast : IForecastCandidate
{
    public string Name => "seasonal_naive";

    public bool CanForecast(SeriesWindow window) => window.Length >= window.Granularity.SeasonLength();

    public double[] Forecast(SeriesWindow window, int horizon)
    {
        var history = window.History;
        var season = window.Granularity.SeasonLength();
        var forecast = new double[horizon];
        for (var h = 0; h < horizon; h++)
            forecast[h] = history[history.Length - season + h % season];
        return forecast;
    }
}

/// <summary>The mean of the last <c>window</c> periods, flat (mean3 reacts, mean12 smooths a year).</summary>
internal sealed class MovingMeanForecast(int periods) : IForecastCandidate
{
    public string Name => $"mean{periods}";

    public bool CanForecast(SeriesWindow window) => window.Length >= periods;

    public double[] Forecast(SeriesWindow window, int horizon)
    {
        var history = window.History;
        var sum = 0.0;
        for (var i = history.Length - periods; i < history.Length; i++)
            sum += history[i];
        return Enumerable.Repeat(sum / periods, horizon).ToArray();
    }
}
