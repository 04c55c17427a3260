namespace Scale.Domain.Forecasting;

/// <summary>
/// The equal-weight mean of the models that follow the calendar (seasonal naive, Holt-Winters, the global model):
/// combining forecasts whose errors are not perfectly correlated is the most reliable gain in forecasting (the M
/// competitions), and it blunts the noise of choosing one model from a short backtest. Its backtest is the mean of
/// the members' backtests, so it costs no extra fits.
/// </summary>
internal sealed class CombinedForecast(IReadOnlyList<IForecastCandidate> members) : IForecastCandidate
{
    public static readonly string[] MemberNames = ["seasonal_naive", "holt_winters", "gradient_boosted"];

    public string Name => "combined";

    public bool CanForecast(SeriesWindow window) => members.All(m => m.CanForecast(window));

    public double[] Forecast(SeriesWindow window, int horizon)
    {
        var sum = new double[horizon];
        foreach (var member in members)
        {
            var forecast = member.Forecast(window, horizon);
            for (var h = 0; h < horizon; h++)
                sum[h] += forecast[h] / members.Count;
        }
        return sum;
    }

    /// <summary>The combination's backtest from its members' (at least two of them), or null.</summary>
    public static CandidateBacktest? Backtest(IReadOnlyList<CandidateBacktest> backtests, double scale)
    {
        var members = backtests.Where(b => MemberNames.Contains(b.Candidate.Name)).ToList();
        if (members.Count < 2)
            return null;
        var first = members[0];
        var predicted = first.Predicted
            .Select((origin, o) => origin.Select((_, h) => members.Average(m => m.Predicted[o][h])).ToArray())
            .ToArray();
        return new CandidateBacktest(
            new CombinedForecast(members.Select(m => m.Candidate).ToList()), predicted, first.Actual,
            RollingOriginBacktest.Mase(predicted, first.Actual, scale));
    }
}
