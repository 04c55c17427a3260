using Npgsql;
using NpgsqlTypes;

namespace Scale.Functions.Infrastructure.Idempotency;

/// <summary>A response stored for replay: status, content type, Location (uploads and jobs point at their status).</summary>
public sealed record StoredResponse(int StatusCode, string? ContentType, string? Location, byte[] Body);

/// <summary>What claiming a key found.</summary>
public abstract record IdempotencyClaim
{
    /// <summary>The key is this request's: run it, then <see cref="IdempotencyKeyStore.CompleteAsync"/> or release.</summary>
    public sealed record Acquired : IdempotencyClaim;
    /// <summary>The same key and body ran before: answer with its response.</summary>
    public sealed record Replay(StoredResponse Response) : IdempotencyClaim;
    /// <summary>The same key and body are running right now in another request.</summary>
    public sealed record InProgress : IdempotencyClaim;
    /// <summary>The key was used with another route or body.</summary>
    public sealed record Mismatch : IdempotencyClaim;
}

/// <summary>
/// Idempotency keys in Postgres (migration 0009). A claim is one INSERT … ON CONFLICT, so two concurrent requests
/// with one key cannot both run: exactly one inserts the row. Rows past <see cref="Retention"/> are treated as
/// absent (and replaced), and <see cref="PurgeExpiredAsync"/> deletes them.
/// </summary>
public sealed class IdempotencyKeyStore(NpgsqlDataSource dataSource)
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);
    /// <summary>A claim older than this without a response belongs to a request whose host died: a retry takes it
    /// over. Longer than any request may run (the largest upload is read and stored well within it).</summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(10);

    public async Task<IdempotencyClaim> ClaimAsync(string userId, string key, byte[] requestHash, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // Insert the claim, or take over an expired row or an abandoned claim of the same request; otherwise
        // report the row that is there. One statement, so the decision is atomic under concurrency.
        await using var command = new NpgsqlCommand(
            """
            WITH claimed AS (
                INSERT INTO idempotency_keys AS k (user_id, idem_key, request_hash)
                VALUES ($1, $2, $3)
                ON CONFLICT (user_id, idem_key) DO UPDATE
                    SET request_hash = EXCLUDED.request_hash, state = 'in_progress', status_code = NULL,
                        content_type = NULL, location = NULL, body = NULL, created_at = now(), completed_at = NULL
                    WHERE k.created_at < now() - $4
                       OR (k.state = 'in_progress' AND k.created_at < now() - $5 AND k.request_hash = EXCLUDED.request_hash)
                RETURNING 1
            )
            SELECT true, NULL::bytea, NULL::text, NULL::integer, NULL::text, NULL::text, NULL::bytea FROM claimed
            UNION ALL
            SELECT false, request_hash, state, status_code, content_type, location, body
            FROM idempotency_keys WHERE user_id = $1 AND idem_key = $2 AND NOT EXISTS (SELECT 1 FROM claimed)
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        command.Parameters.Add(new NpgsqlParameter { Value = requestHash, NpgsqlDbType = NpgsqlDbType.Bytea });
        command.Parameters.Add(new NpgsqlParameter { Value = Retention, NpgsqlDbType = NpgsqlDbType.Interval });
        command.Parameters.Add(new NpgsqlParameter { Value = AbandonedAfter, NpgsqlDbType = NpgsqlDbType.Interval });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        // No row at all: the row was deleted between the insert's conflict check and the read (a purge). Rare;
        // the caller's retry claims it cleanly, so report it as running.
        if (!await reader.ReadAsync(cancellationToken)) return new IdempotencyClaim.InProgress();
        if (reader.GetBoolean(0)) return new IdempotencyClaim.Acquired();
        var storedHash = (byte[])reader[1];
        if (!storedHash.AsSpan().SequenceEqual(requestHash)) return new IdempotencyClaim.Mismatch();
        if (reader.GetString(2) != "completed") return new IdempotencyClaim.InProgress();
        return new IdempotencyClaim.Replay(new StoredResponse(
            reader.GetInt32(3), reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5), (byte[])reader[6]));
    }

    public async Task CompleteAsync(string userId, string key, StoredResponse response, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            UPDATE idempotency_keys SET state = 'completed', status_code = $3, content_type = $4, location = $5, body = $6, completed_at = now()
            WHERE user_id = $1 AND idem_key = $2 AND state = 'in_progress'
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        command.Parameters.Add(new NpgsqlParameter { Value = response.StatusCode });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)response.ContentType ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)response.Location ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = response.Body, NpgsqlDbType = NpgsqlDbType.Bytea });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The request did not produce a response worth replaying (it failed on our side): a retry runs anew.</summary>
    public async Task ReleaseAsync(string userId, string key, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "DELETE FROM idempotency_keys WHERE user_id = $1 AND idem_key = $2 AND state = 'in_progress'");
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<int> PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM idempotency_keys WHERE created_at < now() - $1");
        command.Parameters.Add(new NpgsqlParameter { Value = Retention, NpgsqlDbType = NpgsqlDbType.Interval });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
