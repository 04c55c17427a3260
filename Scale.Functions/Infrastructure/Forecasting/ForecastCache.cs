using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Scale.Domain.Forecasting;

namespace Scale.Functions.Infrastructure.Forecasting;

/// <summary>What a forecast entry is for: one user, granularity and horizon (every category and TOTAL).</summary>
public sealed record ForecastKey(string UserId, ForecastGranularity Granularity, int Horizon)
{
    public string GranularityText => Granularity.ToString().ToLowerInvariant();
}

/// <summary>
/// Fitted forecasts in Postgres (table forecast_cache, migration 0012), shared by every instance. An entry is
/// used only while fresh; marking stale is one UPDATE, so the request that changed the transactions pays little.
/// </summary>
public sealed class ForecastCache(NpgsqlDataSource dataSource)
{
    /// <summary>The entry a first import prepares, so the forecast screen's first read is a hit (API defaults).</summary>
    public static readonly (ForecastGranularity Granularity, int Horizon) Default = (ForecastGranularity.Month, 3);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <returns>The fresh entry's forecast and as-of date, or null when there is none or it is stale.</returns>
    public async Task<CachedForecast?> GetFreshAsync(ForecastKey key, CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT payload FROM forecast_cache
            WHERE user_id = @user AND granularity = @granularity AND horizon = @horizon AND NOT stale
            """);
        AddKey(cmd, key);
        if (await cmd.ExecuteScalarAsync(cancellationToken) is not string payload) return null;
        var cached = JsonSerializer.Deserialize<CachedForecast>(payload, Json);
        // A fit by another forecasting engine (stored before a deploy) is refitted rather than served.
        return cached?.Engine == SpendingForecaster.EngineVersion ? cached : null;
    }

    /// <summary>Stores a fit, unless the entry was marked stale after <paramref name="readAt"/> (the fit then
    /// predates a change and must not be served as fresh; the refresh timer or the next read refits).</summary>
    public async Task PutAsync(ForecastKey key, CachedForecast forecast, DateTime readAt, CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand("""
            INSERT INTO forecast_cache AS c (user_id, granularity, horizon, payload, stale, computed_at)
            VALUES (@user, @granularity, @horizon, @payload, false, @read_at)
            ON CONFLICT (user_id, granularity, horizon) DO UPDATE
                SET payload = excluded.payload, stale = false, computed_at = excluded.computed_at
                WHERE NOT (c.stale AND c.computed_at > @read_at)
            """);
        AddKey(cmd, key);
        cmd.Parameters.Add(new NpgsqlParameter("payload", NpgsqlDbType.Jsonb) { Value = JsonSerializer.Serialize(forecast, Json) });
        cmd.Parameters.AddWithValue("read_at", readAt);
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Marks every entry of the user stale and makes sure the default one exists (stale) for the timer.</summary>
    public async Task MarkStaleAsync(string userId, CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand("""
            UPDATE forecast_cache SET stale = true, computed_at = clock_timestamp() WHERE user_id = @user;
            INSERT INTO forecast_cache (user_id, granularity, horizon, stale, computed_at)
            VALUES (@user, @granularity, @horizon, true, clock_timestamp())
            ON CONFLICT (user_id, granularity, horizon) DO NOTHING;
            """);
        AddKey(cmd, new ForecastKey(userId, Default.Granularity, Default.Horizon));
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <returns>Up to <paramref name="limit"/> stale entries, the longest-stale first.</returns>
    public async Task<IReadOnlyList<ForecastKey>> StaleAsync(int limit, CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT user_id, granularity, horizon FROM forecast_cache WHERE stale ORDER BY computed_at LIMIT @limit
            """);
        cmd.Parameters.AddWithValue("limit", limit);
        var keys = new List<ForecastKey>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            // The table's CHECK admits only names TryParse reads.
            if (ForecastPeriods.TryParse(reader.GetString(1), out var granularity))
                keys.Add(new ForecastKey(reader.GetString(0), granularity, reader.GetInt32(2)));
        }
        return keys;
    }

    /// <summary>The database's clock, read before the history: the instant a fit's data is "as of".</summary>
    public async Task<DateTime> NowAsync(CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand("SELECT clock_timestamp()");
        return (DateTime)(await cmd.ExecuteScalarAsync(cancellationToken))!;
    }

    private static void AddKey(NpgsqlCommand cmd, ForecastKey key)
    {
        cmd.Parameters.AddWithValue("user", key.UserId);
        cmd.Parameters.AddWithValue("granularity", key.GranularityText);
        cmd.Parameters.AddWithValue("horizon", key.Horizon);
    }
}

/// <summary>A stored fit: the forecast, the currency it is in, the last day of data it saw and the
/// <see cref="SpendingForecaster.EngineVersion"/> that fitted it (0 in payloads stored before versions were kept).</summary>
public sealed record CachedForecast(ForecastResult Forecast, string Currency, DateOnly? AsOf, int Engine);
