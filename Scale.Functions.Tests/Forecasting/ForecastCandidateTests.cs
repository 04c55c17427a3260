using Scale.Domain.Forecasting;

namespace Scale.Functions.Tests.Forecasting;

public class ForecastCandidateTests
{
    private static readonly double[] Week = [100, 50, 50, 50, 80, 200, 300];

    private static SeriesWindow Window(double[] values, ForecastGranularity granularity = ForecastGranularity.Day) =>
        new(new SpendingSeries("Food & Dining", new DateOnly(2025, 1, 6), values), values.Length, granularity);

    private static double[] Repeat(double[] season, int times) => Enumerable.Repeat(season, times).SelectMany(s => s).ToArray();

    [Fact]
    public void A_pure_weekly_pattern_is_forecast_exactly_by_the_seasonal_models()
    {
        var window = Window(Repeat(Week, 12));

        Assert.Equal(Repeat(Week, 2), new SeasonalNaiveForecast().Forecast(window, 14));
        var holtWinters = new HoltWintersForecast().Forecast(window, 14);
        Assert.All(holtWinters.Zip(Repeat(Week, 2)), p => Assert.Equal(p.Second, p.First, 1e-6));
    }

    [Fact]
    public void A_constant_series_is_forecast_as_that_constant_by_every_candidate()
    {
        var window = Window(Enumerable.Repeat(250.0, 40).ToArray());
        IForecastCandidate[] candidates = [new NaiveForecast(), new SeasonalNaiveForecast(), new MovingMeanForecast(3), new MovingMeanForecast(12), new HoltWintersForecast()];

        foreach (var candidate in candidates)
            Assert.All(candidate.Forecast(window, 10), value => Assert.Equal(250.0, value, 1e-6));
    }

    [Fact]
    public void The_global_boosted_model_forecasts_constant_series_as_their_constants()
    {
        var first = new DateOnly(2025, 1, 6);
        var series = new[] { 100.0, 400.0, 1_000.0 }
            .Select((level, i) => new SpendingSeries($"c{i}", first, Enumerable.Repeat(level, 120).ToArray()))
            .ToList();

        var model = GlobalBoostedModel.Train(series, ForecastGranularity.Day, 0)!;

        foreach (var s in series)
            Assert.All(model.Forecast(new SeriesWindow(s, s.Length, ForecastGranularity.Day), 14), value => Assert.Equal(s.Values[0], value, s.Values[0] * 0.01));
    }

    [Fact]
    public void Moving_means_average_the_last_periods()
    {
        var window = Window([10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130], ForecastGranularity.Month);

        Assert.Equal([120, 120], new MovingMeanForecast(3).Forecast(window, 2));
        Assert.Equal([75, 75], new MovingMeanForecast(12).Forecast(window, 2));
        Assert.Equal([130, 130], new NaiveForecast().Forecast(window, 2));
        Assert.Equal([20, 30], new SeasonalNaiveForecast().Forecast(window, 2));
    }

    [Fact]
    public void Seasonal_naive_needs_a_full_season()
    {
        Assert.False(new SeasonalNaiveForecast().CanForecast(Window(new double[11], ForecastGranularity.Month)));
        Assert.True(new SeasonalNaiveForecast().CanForecast(Window(new double[12], ForecastGranularity.Month)));
    }
}
