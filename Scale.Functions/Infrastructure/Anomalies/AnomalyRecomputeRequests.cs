using Npgsql;

namespace Scale.Functions.Infrastructure.Anomalies;

/// <summary>
/// Users whose stored alerts are out of date (table anomaly_recompute_requests, migration 0010). Marking is one
/// upsert, so the request that changed the transactions pays almost nothing; <see cref="AnomalyRecomputeJob"/>
/// drains the table. A mark is a timestamp, so a change during a recompute is not lost (see
/// <see cref="AnomalyAlertStore"/>).
/// </summary>
public sealed class AnomalyRecomputeRequests(NpgsqlDataSource dataSource)
{
    public async Task MarkAsync(string userId, CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand("""
            INSERT INTO anomaly_recompute_requests (user_id) VALUES (@user)
            ON CONFLICT (user_id) DO UPDATE SET requested_at = clock_timestamp()
            """);
        cmd.Parameters.AddWithValue("user", userId);
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> IsPendingAsync(string userId, CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM anomaly_recompute_requests WHERE user_id = @user)");
        cmd.Parameters.AddWithValue("user", userId);
        return (bool)(await cmd.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <returns>Up to <paramref name="limit"/> users whose last mark is at least <paramref name="settle"/> old, oldest
    /// mark first (a user who imports all day cannot starve others). The settle time lets a burst of changes (the
    /// chunks of one large statement commit one after another) end in one recompute instead of one per chunk.</returns>
    public async Task<IReadOnlyList<string>> SettledAsync(int limit, TimeSpan settle, CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT user_id FROM anomaly_recompute_requests
            WHERE requested_at <= clock_timestamp() - @settle
            ORDER BY requested_at LIMIT @limit
            """);
        cmd.Parameters.AddWithValue("limit", limit);
        cmd.Parameters.AddWithValue("settle", settle);
        var users = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) users.Add(reader.GetString(0));
        return users;
    }
}
