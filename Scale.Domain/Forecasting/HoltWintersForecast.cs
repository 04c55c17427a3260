namespace Scale.Domain.Forecasting;

/// <summary>
/// Additive Holt-Winters (ETS A,Ad,A): level, damped trend and a seasonal profile, smoothing parameters chosen by a
/// small grid on the in-sample one-step squared errors. With less than a season and a bit of history the seasonal
/// part is left out (damped Holt). A grid rather than an optimizer: 150-odd O(n) passes are cheap, deterministic
/// and never wander into an unstable corner. Parameters fitted on a window are reused for later windows of the same
/// series at most 10 % longer, which only rerun the filter: no origin sees parameters fitted on its future, and a
/// daily series (900 periods, origins within its last 91) runs the grid once instead of 11 times, while a monthly
/// one, where a few more months change the fit, refits at each origin. One instance serves one forecast call.
/// </summary>
internal sealed class HoltWintersForecast : IForecastCandidate
{
    private readonly Dictionary<SpendingSeries, (int Length, bool Seasonal, double Alpha, double Beta, double Gamma, double Phi)> _fitted = new(ReferenceEqualityComparer.Instance);

    private static readonly double[] Alphas = [0.05, 0.1, 0.2, 0.35, 0.5, 0.8];
    private static readonly double[] Betas = [0.0, 0.05, 0.15];
    private static readonly double[] Gammas = [0.05, 0.15, 0.3];
    private static readonly double[] Phis = [0.8, 0.9, 0.98];
    private static readonly double[] NoSeason = [0.0];

    public string Name => "holt_winters";

    public bool CanForecast(SeriesWindow window) => window.Length >= 4;

    public double[] Forecast(SeriesWindow window, int horizon)
    {
        var y = window.History;
        var season = window.Granularity.SeasonLength();
        if (!_fitted.TryGetValue(window.Series, out var fit) || fit.Length > y.Length || fit.Length < 0.9 * y.Length)
            _fitted[window.Series] = fit = Fit(y, season);
        var forecast = new double[horizon];
        Run(y, fit.Seasonal ? season : 0, fit.Alpha, fit.Beta, fit.Gamma, fit.Phi, horizon, forecast);
        return forecast;
    }

    private static (int Length, bool Seasonal, double Alpha, double Beta, double Gamma, double Phi) Fit(ReadOnlySpan<double> y, int season)
    {
        var seasonal = y.Length >= season + 3;
        var best = (Sse: double.PositiveInfinity, Alpha: 0.0, Beta: 0.0, Gamma: 0.0, Phi: 0.0);
        foreach (var alpha in Alphas)
            foreach (var beta in Betas)
                foreach (var phi in Phis)
                    foreach (var gamma in seasonal ? Gammas : NoSeason)
                    {
                        var sse = Run(y, seasonal ? season : 0, alpha, beta, gamma, phi, 0, null);
                        if (sse < best.Sse)
                            best = (sse, alpha, beta, gamma, phi);
                    }
        return (y.Length, seasonal, best.Alpha, best.Beta, best.Gamma, best.Phi);
    }

    /// <summary>One pass of the filter: returns the one-step SSE after the initialization season, and writes the
    /// <paramref name="horizon"/>-step forecast from the end when <paramref name="forecast"/> is given.</summary>
    private static double Run(ReadOnlySpan<double> y, int season, double alpha, double beta, double gamma, double phi, int horizon, double[]? forecast)
    {
        var init = season > 0 ? season : Math.Min(3, y.Length);
        var level = 0.0;
        for (var i = 0; i < init; i++)
            level += y[i];
        level /= init;
        var trend = 0.0;
        Span<double> profile = stackalloc double[Math.Max(season, 1)];
        for (var i = 0; i < season; i++)
            profile[i] = y[i] - level;
        var sse = 0.0;
        for (var t = init; t < y.Length; t++)
        {
            var s = season > 0 ? profile[t % season] : 0.0;
            var error = y[t] - (level + phi * trend + s);
            sse += error * error;
            var previous = level;
            level = alpha * (y[t] - s) + (1 - alpha) * (level + phi * trend);
            trend = beta * (level - previous) + (1 - beta) * phi * trend;
            if (season > 0)
                profile[t % season] = gamma * (y[t] - level) + (1 - gamma) * s;
        }
        if (forecast is not null)
        {
            var damped = 0.0;
            var power = 1.0;
            for (var h = 1; h <= horizon; h++)
            {
                power *= phi;
                damped += power;
                var s = season > 0 ? profile[(y.Length + h - 1) % season] : 0.0;
                forecast[h - 1] = Math.Max(0, level + damped * trend + s);
            }
        }
        return sse;
    }
}
