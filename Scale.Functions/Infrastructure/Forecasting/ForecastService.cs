using Scale.Domain.Forecasting;
using Scale.Functions.Infrastructure.Profiles;

namespace Scale.Functions.Infrastructure.Forecasting;

/// <summary>
/// One way to get a user's forecast, for the API and the refresh timer alike: a fresh cache entry when there is one,
/// else a fit of the whole history (<see cref="SpendingForecaster"/>) stored for the next read.
/// </summary>
public sealed class ForecastService(ForecastCache cache, SpendingHistory history, ProfileStore profiles, TimeProvider clock)
{
    public async Task<CachedForecast> GetAsync(ForecastKey key, CancellationToken cancellationToken)
    {
        var profile = await profiles.GetOrCreateAsync(key.UserId, displayNameHint: null, cancellationToken);
        if (await cache.GetFreshAsync(key, cancellationToken) is { } cached && cached.Currency == profile.Currency) return cached;
        return await FitAsync(key, profile, cancellationToken);
    }

    /// <summary>Refits and stores, whatever the cache holds (the refresh timer's step).</summary>
    public async Task<CachedForecast> RefreshAsync(ForecastKey key, CancellationToken cancellationToken) =>
        await FitAsync(key, await profiles.GetOrCreateAsync(key.UserId, displayNameHint: null, cancellationToken), cancellationToken);

    private async Task<CachedForecast> FitAsync(ForecastKey key, Profile profile, CancellationToken cancellationToken)
    {
        var readAt = await cache.NowAsync(cancellationToken);
        var rows = await history.ReadAsync(key.UserId, profile.Currency, cancellationToken);
        var asOf = AsOf(rows, profile.Timezone);
        // Fitting is CPU work (the boosted model trains per fit): off the request's synchronization context.
        var forecast = await Task.Run(() => SpendingForecaster.Forecast(rows, asOf ?? Today(profile.Timezone), key.Granularity, key.Horizon), cancellationToken);
        var result = new CachedForecast(forecast, profile.Currency, asOf, SpendingForecaster.EngineVersion);
        await cache.PutAsync(key, result, readAt, cancellationToken);
        return result;
    }

    /// <summary>
    /// The last day the forecast knows about: the newest transaction's date, never later than today in the user's
    /// time zone. Statements arrive after the fact, so "now" would count the days since the last import as days
    /// without spending; the response says which day the forecast is as of.
    /// </summary>
    private DateOnly? AsOf(IReadOnlyList<SpendingRow> rows, string timezone)
    {
        if (rows.Count == 0) return null;
        var newest = rows.Max(r => r.Date);
        var today = Today(timezone);
        return newest > today ? today : newest;
    }

    private DateOnly Today(string timezone)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(timezone, out var found) ? found : TimeZoneInfo.Utc;
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
    }
}
