using System.Globalization;
using Microsoft.AspNetCore.Http;
using Scale.Domain.Forecasting;
using Scale.Domain.Ingestion;
using Scale.Functions.Api.Http;
using Scale.Functions.Infrastructure.Forecasting;
using Scale.Functions.Pipeline.Auth;
using static Scale.Functions.Api.Http.QueryParameters;

namespace Scale.Functions.Api;

/// <summary>
/// GET /forecast and GET /forecast/{user_id} (the caller's own, or any user's for role admin; else 403): debit
/// spending per category and TOTAL for the next periods, with 80 % intervals and the backtest figures of the model
/// each series chose. Answered from the per-user cache when fresh (<see cref="ForecastService"/>).
/// </summary>
public sealed class ForecastApi(ForecastService forecasts)
{
    public sealed record BacktestResponse(double? Mase, double? IntervalCoverage);

    public sealed record ModelResponse(string Name, BacktestResponse Backtest)
    {
        public static ModelResponse From(ForecastModelSummary m) =>
            new(m.Name, new BacktestResponse(Round(m.BacktestMase), Round(m.IntervalCoverage)));

        private static double? Round(double? value) => value is { } v ? Math.Round(v, 3) : null;
    }

    public sealed record PointResponse(DateOnly PeriodStart, decimal Predicted, decimal Lower, decimal Upper);

    /// <param name="Model">The series' own chosen model (extension: the contract has one model per response).</param>
    public sealed record SeriesResponse(string Category, IReadOnlyList<PointResponse> Points, ModelResponse Model);

    /// <param name="AsOf">The last day of data the forecast saw (extension; null without spending).</param>
    /// <param name="Horizon">Periods forecast (extension).</param>
    public sealed record ForecastResponse(string Currency, string Granularity, int Horizon, DateOnly? AsOf,
        IReadOnlyList<SeriesResponse> Series, ModelResponse Model);

    /// <summary>Defaults: a month of days, two months of weeks, a quarter of months.</summary>
    public static int DefaultHorizon(ForecastGranularity granularity) => granularity switch
    {
        ForecastGranularity.Day => 30,
        ForecastGranularity.Week => 8,
        _ => 3,
    };

    public Task<IResult> GetForecast(HttpRequest request, CancellationToken cancellationToken) =>
        ForecastFor(request, request.UserId(), cancellationToken);

    public Task<IResult> GetUserForecast(HttpRequest request, string userId, CancellationToken cancellationToken)
    {
        if (!string.Equals(userId, request.UserId(), StringComparison.Ordinal) && !ScaleClaims.IsAdmin(request.HttpContext.User))
            return Task.FromResult<IResult>(Problems.Forbidden("A forecast is visible to its own user only."));
        if (userId.Length is 0 or > 128 || TextRules.ContainsDisallowedControl(userId))
            return Task.FromResult<IResult>(Problems.Validation("user_id", "Must be a user id (1 to 128 characters)."));
        return ForecastFor(request, userId, cancellationToken);
    }

    private async Task<IResult> ForecastFor(HttpRequest request, string userId, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        void Error(string field, string message) => errors[field] = [message];

        var granularity = ForecastGranularity.Month;
        if (One(request.Query, "granularity", Error) is { } text && !ForecastPeriods.TryParse(text, out granularity))
            Error("granularity", "Must be day, week or month.");
        var max = SpendingForecaster.MaxHorizon(granularity);
        var horizon = DefaultHorizon(granularity);
        if (One(request.Query, "horizon", Error) is { } h
            && !(int.TryParse(h, NumberStyles.None, CultureInfo.InvariantCulture, out horizon) && horizon >= 1 && horizon <= max))
            Error("horizon", $"Must be a whole number of periods from 1 to {max} at this granularity.");
        var category = One(request.Query, "category", Error)?.Trim();
        if (category is { Length: 0 or > 100 } || (category is not null && TextRules.ContainsDisallowedControl(category)))
            Error("category", "Must be a category name (1 to 100 characters) or TOTAL.");
        if (errors.Count > 0) return Problems.Validation(errors);

        var fit = await forecasts.GetAsync(new ForecastKey(userId, granularity, horizon), cancellationToken);
        var series = fit.Forecast.Series
            .Where(s => category is null || string.Equals(s.Category, category, StringComparison.OrdinalIgnoreCase))
            .Select(s => new SeriesResponse(s.Category, [.. s.Points.Select(p => new PointResponse(p.PeriodStart, p.Predicted, p.Lower, p.Upper))],
                ModelResponse.From(s.Model)))
            .ToList();
        // The response's model is TOTAL's (the headline number), or the one series asked for.
        var model = category is null ? ModelResponse.From(fit.Forecast.Model) : series.FirstOrDefault()?.Model ?? ModelResponse.From(ForecastModelSummary.None);
        return TypedResults.Ok(new ForecastResponse(fit.Currency, granularity.ToString().ToLowerInvariant(), horizon, fit.AsOf, series, model));
    }
}
