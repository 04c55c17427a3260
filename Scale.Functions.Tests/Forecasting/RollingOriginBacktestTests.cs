using Scale.Domain.Forecasting;

namespace Scale.Functions.Tests.Forecasting;

public class RollingOriginBacktestTests
{
    [Fact]
    public void Mase_of_a_tiny_backtest_matches_the_hand_computed_value()
    {
        // Naive forecasts one month ahead from two origins: [2,4,4,8,6] → 6 (actual 10, error 4); [2,4,4,8] → 8
        // (actual 6, error 2). MAE 3. Shorter than a season, so the scale is the in-sample naive MAE:
        // (|4−2| + |4−4| + |8−4| + |6−8| + |10−6|) / 5 = 12 / 5 = 2.4. MASE = 3 / 2.4 = 1.25.
        var series = new SpendingSeries("Groceries", new DateOnly(2025, 1, 1), [2, 4, 4, 8, 6, 10]);
        var scale = RollingOriginBacktest.MaseScale(series.Values, ForecastGranularity.Month.SeasonLength());

        var backtest = RollingOriginBacktest.Run(new NaiveForecast(), series, ForecastGranularity.Month, 1, [2, 1], scale)!;

        Assert.Equal(2.4, scale, 1e-12);
        Assert.Equal(1.25, backtest.Mase, 1e-12);
        Assert.Equal([[8.0], [6.0]], backtest.Predicted);
        Assert.Equal([[-2.0], [4.0]], backtest.Residuals());
    }

    [Fact]
    public void Mase_scale_never_divides_by_zero()
    {
        Assert.Equal(1, RollingOriginBacktest.MaseScale(new double[30], 7));
        Assert.Equal(5, RollingOriginBacktest.MaseScale([5], 7));
        // A pure weekly pattern has no seasonal-naive error: the naive MAE scales it.
        var pattern = Enumerable.Repeat(new double[] { 1, 3, 1, 3, 1, 3, 9 }, 4).SelectMany(x => x).ToArray();
        Assert.True(RollingOriginBacktest.MaseScale(pattern, 7) > 0);
    }

    [Fact]
    public void Origins_leave_the_minimum_training_history_or_fall_back_to_three_periods()
    {
        Assert.Equal([11, 10, 9, 8, 7, 6, 5, 4, 3], RollingOriginBacktest.OriginsFor(30, ForecastGranularity.Month, 3));
        Assert.Equal([3, 2], RollingOriginBacktest.OriginsFor(14, ForecastGranularity.Month, 2)[^2..]);
        Assert.Equal([4, 3], RollingOriginBacktest.OriginsFor(7, ForecastGranularity.Month, 3));
        Assert.Empty(RollingOriginBacktest.OriginsFor(5, ForecastGranularity.Month, 3));
    }
}
