using Scale.Domain.Forecasting;

namespace Scale.Functions.Tests.Forecasting;

/// <summary>
/// How the backtest picks a series' model: the lowest MASE, but the combination stays unless a single model beats it
/// by more than the margin and consistently across origins (a paired test over the origins).
/// </summary>
public class ModelChoiceTests
{
    private const double Actual = 100;

    /// <summary>A backtest over one origin per error, every horizon step off by that origin's error.</summary>
    private static CandidateBacktest Backtest(IForecastCandidate candidate, params double[] errorPerOrigin)
    {
        var predicted = errorPerOrigin.Select(e => new[] { Actual - e, Actual - e, Actual - e }).ToArray();
        var actual = errorPerOrigin.Select(_ => new[] { Actual, Actual, Actual }).ToArray();
        return new CandidateBacktest(candidate, predicted, actual, RollingOriginBacktest.Mase(predicted, actual, scale: 1));
    }

    private static readonly CombinedForecast Combination = new([new SeasonalNaiveForecast(), new NaiveForecast()]);

    [Fact]
    public void A_model_better_at_every_origin_replaces_the_combination()
    {
        var challenger = Backtest(new NaiveForecast(), 10, 10, 10, 10, 10, 10, 10, 10, 10);
        var combined = Backtest(Combination, 20, 20, 20, 20, 20, 20, 20, 20, 20);
        Assert.Same(challenger, SeriesForecaster.Choose([challenger, combined]));
    }

    [Fact]
    public void A_lower_average_from_a_few_lucky_origins_keeps_the_combination()
    {
        // 12.5 % lower on average (beyond the 10 % margin), but it wins big at some origins and loses big at others.
        var challenger = Backtest(new NaiveForecast(), 0, 40, 0, 40, 0, 40, 0, 40, 0);
        var combined = Backtest(Combination, 20, 20, 20, 20, 20, 20, 20, 20, 20);
        Assert.True(challenger.Mase < combined.Mase / 1.1);
        Assert.Same(combined, SeriesForecaster.Choose([challenger, combined]));
    }

    [Fact]
    public void Within_the_margin_the_combination_stays_and_without_one_the_lowest_mase_wins()
    {
        var challenger = Backtest(new NaiveForecast(), 19, 19, 19, 19, 19, 19, 19, 19, 19);
        var combined = Backtest(Combination, 20, 20, 20, 20, 20, 20, 20, 20, 20);
        var other = Backtest(new SeasonalNaiveForecast(), 25, 25, 25, 25, 25, 25, 25, 25, 25);
        Assert.Same(combined, SeriesForecaster.Choose([challenger, combined]));
        Assert.Same(challenger, SeriesForecaster.Choose([other, challenger]));
    }
}
