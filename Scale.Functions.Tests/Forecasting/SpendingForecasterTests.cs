using Scale.Domain.Forecasting;

namespace Scale.Functions.Tests.Forecasting;

public class SpendingForecasterTests
{
    private static readonly DateOnly AsOf = new(2026, 6, 30);

    /// <summary>Two years of a seeded, noisy but structured history: daily dining heavier at weekends, rent on the
    /// 1st, a yearly insurance premium.</summary>
    private static List<SpendingRow> History()
    {
        var random = new Random(7);
        var rows = new List<SpendingRow>();
        for (var date = AsOf.AddYears(-2).AddDays(1); date <= AsOf; date = date.AddDays(1))
        {
            var weekend = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            rows.Add(new SpendingRow(date, Math.Round((decimal)((weekend ? 900 : 300) * (0.5 + random.NextDouble())), 2), "Food & Dining"));
            if (date.Day == 1)
                rows.Add(new SpendingRow(date, 20_000m, "Rent"));
            if (date is { Month: 3, Day: 15 })
                rows.Add(new SpendingRow(date, 12_000m, "Insurance"));
        }
        return rows;
    }

    [Fact]
    public void A_user_with_no_spending_gets_no_series_not_an_error()
    {
        var result = SpendingForecaster.Forecast([], AsOf, ForecastGranularity.Month, 3);

        Assert.Empty(result.Series);
        Assert.Equal("none", result.Model.Name);
        Assert.Null(result.Model.BacktestMase);
    }

    [Fact]
    public void Zero_amounts_and_rows_after_the_as_of_date_are_not_spending()
    {
        var rows = new[] { new SpendingRow(AsOf, 0m, "Food & Dining"), new SpendingRow(AsOf.AddDays(1), 500m, "Food & Dining") };

        Assert.Empty(SpendingForecaster.Forecast(rows, AsOf, ForecastGranularity.Day, 7).Series);
    }

    [Fact]
    public void One_observed_period_is_carried_forward_with_a_band_from_nothing_to_twice_it()
    {
        var result = SpendingForecaster.Forecast([new SpendingRow(new DateOnly(2026, 6, 3), 1_200m, "Groceries")], AsOf, ForecastGranularity.Month, 2);

        Assert.Equal(["Groceries", "TOTAL"], result.Series.Select(s => s.Category));
        var point = Assert.Single(result.Series, s => s.Category == "TOTAL").Points[0];
        Assert.Equal(new ForecastPoint(new DateOnly(2026, 7, 1), 1_200m, 0m, 2_400m), point);
        Assert.Equal(new ForecastModelSummary("naive", null, null), result.Model);
    }

    [Fact]
    public void An_all_zero_history_forecasts_zeros()
    {
        var series = new SpendingSeries("Travel", new DateOnly(2026, 1, 1), new double[40]);

        var forecast = SeriesForecaster.Forecast(series, ForecastGranularity.Day, 5, [new NaiveForecast()], keepCandidateForecasts: false);

        Assert.Equal("zero", forecast.Model);
        Assert.All(forecast.Predicted.Concat(forecast.Lower).Concat(forecast.Upper), value => Assert.Equal(0, value));
    }

    [Fact]
    public void Selection_picks_the_seasonal_model_on_a_seasonal_series()
    {
        double[] week = [100, 50, 50, 50, 80, 200, 300];
        var first = new DateOnly(2026, 1, 5); // a Monday
        var rows = Enumerable.Range(0, 140).Select(d => new SpendingRow(first.AddDays(d), (decimal)week[d % 7], "Food & Dining")).ToList();

        var result = SpendingForecaster.Forecast(rows, first.AddDays(139), ForecastGranularity.Day, 14, "Food & Dining");

        var series = Assert.Single(result.Series);
        Assert.Equal("seasonal_naive", series.Model.Name);
        Assert.Equal(0, series.Model.BacktestMase!.Value, 1e-9);
        Assert.Equal(Enumerable.Range(140, 14).Select(d => (decimal)week[d % 7]), series.Points.Select(p => p.Predicted));
        Assert.Equal(first.AddDays(140), series.Points[0].PeriodStart);
    }

    [Theory]
    [InlineData(ForecastGranularity.Day, 28)]
    [InlineData(ForecastGranularity.Week, 8)]
    [InlineData(ForecastGranularity.Month, 3)]
    public void Every_band_holds_its_forecast_and_never_goes_below_zero(ForecastGranularity granularity, int horizon)
    {
        var result = SpendingForecaster.Forecast(History(), AsOf, granularity, horizon);

        Assert.Equal(["Food & Dining", "Insurance", "Rent", "TOTAL"], result.Series.Select(s => s.Category));
        foreach (var series in result.Series)
        {
            Assert.Equal(horizon, series.Points.Count);
            Assert.All(series.Points, p => Assert.True(p.Lower >= 0 && p.Lower <= p.Predicted && p.Predicted <= p.Upper, $"{series.Category} {p}"));
        }
        var total = result.Series.Single(s => s.Category == "TOTAL");
        Assert.Equal(total.Model, result.Model);
        Assert.NotNull(result.Model.BacktestMase);
        Assert.InRange(result.Model.IntervalCoverage!.Value, 0, 1);
    }

    [Fact]
    public void Forecast_periods_follow_the_as_of_period_and_weeks_start_on_monday()
    {
        var result = SpendingForecaster.Forecast(History(), AsOf, ForecastGranularity.Week, 3, "rent");

        var rent = Assert.Single(result.Series);
        Assert.Equal("Rent", rent.Category);
        Assert.Equal([new DateOnly(2026, 7, 6), new DateOnly(2026, 7, 13), new DateOnly(2026, 7, 20)], rent.Points.Select(p => p.PeriodStart));
    }

    [Fact]
    public void The_same_history_gives_the_same_forecast()
    {
        var a = SpendingForecaster.Forecast(History(), AsOf, ForecastGranularity.Week, 8);
        var b = SpendingForecaster.Forecast(History(), AsOf, ForecastGranularity.Week, 8);

        Assert.Equal(a.Series.Select(s => (s.Category, s.Model)), b.Series.Select(s => (s.Category, s.Model)));
        Assert.Equal(a.Series.SelectMany(s => s.Points), b.Series.SelectMany(s => s.Points));
    }

    [Fact]
    public void Series_are_zero_filled_from_the_first_observation_to_the_as_of_period_by_iso_week()
    {
        var rows = new[]
        {
            new SpendingRow(new DateOnly(2025, 12, 31), 100m, "Fuel"), // Wednesday of the week starting 29 Dec
            new SpendingRow(new DateOnly(2026, 1, 4), 50m, "Fuel"),    // Sunday, same week
            new SpendingRow(new DateOnly(2026, 1, 5), 70m, "Fuel"),    // Monday: the next week
        };

        var series = SpendingSeries.Build(rows, new DateOnly(2026, 1, 20), ForecastGranularity.Week);

        var fuel = series.Single(s => s.Category == "Fuel");
        Assert.Equal(new DateOnly(2025, 12, 29), fuel.FirstPeriod);
        Assert.Equal([150, 70, 0, 0], fuel.Values);
        Assert.Equal("TOTAL", series[^1].Category);
    }

    [Fact]
    public void A_horizon_outside_the_allowed_range_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SpendingForecaster.Forecast([], AsOf, ForecastGranularity.Month, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => SpendingForecaster.Forecast([], AsOf, ForecastGranularity.Month, SpendingForecaster.MaxHorizon(ForecastGranularity.Month) + 1));
    }
}
