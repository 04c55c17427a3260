using Npgsql;
using NpgsqlTypes;
using Scale.Domain.Anomalies;

namespace Scale.Functions.Infrastructure.Anomalies;

/// <summary>An alert as listed: the alert and the transaction it names.</summary>
public sealed record StoredAlert(Guid AlertId, long TransactionId, string Kind, double Score, string Explanation,
    DateOnly Date, decimal Amount, string Description, bool Dismissed);

/// <summary>
/// Stored alerts per user (migration 0010). A recompute replaces a user's alerts with what the detectors find in
/// their whole debit history (own-account transfers left out: they are not spending) and clears the user's
/// out-of-date mark, in one transaction under a per-user advisory
/// lock (two instances never recompute one user at once, and a reader sees the old set or the new one, never a mix).
/// Every statement filters by user_id.
/// </summary>
public sealed class AnomalyAlertStore(NpgsqlDataSource dataSource)
{
    /// <summary>Recomputes now, waiting for a recompute of this user that is under way elsewhere.</summary>
    public async Task<int> RecomputeAsync(string userId, CancellationToken cancellationToken) =>
        (await RecomputeAsync(userId, waitForLock: true, cancellationToken))!.Value;

    /// <returns>Null when another instance is recomputing this user (its result will be as fresh).</returns>
    public Task<int?> TryRecomputeAsync(string userId, CancellationToken cancellationToken) =>
        RecomputeAsync(userId, waitForLock: false, cancellationToken);

    private async Task<int?> RecomputeAsync(string userId, bool waitForLock, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockUser = new NpgsqlCommand(
            $"SELECT {(waitForLock ? "pg_advisory_xact_lock" : "pg_try_advisory_xact_lock")}(hashtextextended('scale.anomaly|' || @user, 0))::text",
            connection, transaction))
        {
            lockUser.Parameters.AddWithValue("user", userId);
            // pg_advisory_xact_lock returns void (text ''), the try variant a boolean (text 'false' when taken).
            if ((string?)await lockUser.ExecuteScalarAsync(cancellationToken) == "false") return null;
        }

        // Read under READ COMMITTED: the SELECT sees every change committed before it starts. A change is marked
        // after it commits, so a mark older than this instant is covered by this recompute and is cleared below; a
        // newer one stays for the next tick.
        DateTime readFrom;
        await using (var now = new NpgsqlCommand("SELECT clock_timestamp()", connection, transaction))
            readFrom = (DateTime)(await now.ExecuteScalarAsync(cancellationToken))!;

        var debits = new List<SpendingRow>();
        await using (var read = new NpgsqlCommand("""
            SELECT id, txn_date, amount, currency, description, merchant, category
            FROM transactions WHERE user_id = @user AND type = 'debit' AND transfer_pair_id IS NULL
            """, connection, transaction))
        {
            read.Parameters.AddWithValue("user", userId);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                debits.Add(new SpendingRow(reader.GetInt64(0), reader.GetFieldValue<DateOnly>(1), reader.GetDecimal(2), reader.GetString(3).Trim(),
                    reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6)));
        }
        var dates = debits.ToDictionary(d => d.Id, d => d.Date);
        var alerts = AnomalyDetector.Detect(debits);

        await using var replace = new NpgsqlCommand("""
            DELETE FROM anomaly_alerts WHERE user_id = @user;
            DELETE FROM anomaly_recompute_requests WHERE user_id = @user AND requested_at <= @read_from;
            INSERT INTO anomaly_alerts (user_id, alert_id, transaction_id, kind, score, explanation, txn_date)
            SELECT @user, a.alert_id, a.transaction_id, a.kind, a.score, a.explanation, a.txn_date
            FROM unnest(@ids, @transactions, @kinds, @scores, @explanations, @dates) AS a(alert_id, transaction_id, kind, score, explanation, txn_date)
            """, connection, transaction);
        replace.Parameters.AddWithValue("user", userId);
        replace.Parameters.AddWithValue("read_from", readFrom);
        replace.Parameters.AddWithValue("ids", alerts.Select(a => AnomalyAlertIds.For(userId, a.TransactionId, a.Kind)).ToArray());
        replace.Parameters.AddWithValue("transactions", alerts.Select(a => a.TransactionId).ToArray());
        replace.Parameters.AddWithValue("kinds", alerts.Select(a => a.Kind.ToWire()).ToArray());
        replace.Parameters.Add(new NpgsqlParameter("scores", NpgsqlDbType.Array | NpgsqlDbType.Real) { Value = alerts.Select(a => (float)a.Score).ToArray() });
        replace.Parameters.AddWithValue("explanations", alerts.Select(a => a.Explanation).ToArray());
        replace.Parameters.AddWithValue("dates", alerts.Select(a => dates[a.TransactionId]).ToArray());
        await replace.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return alerts.Count;
    }

    /// <returns>Up to <paramref name="limit"/> + 1 alerts, newest first: the extra one tells the caller there is a next page.</returns>
    public async Task<IReadOnlyList<StoredAlert>> ListAsync(string userId, DateOnly? since, (DateOnly Date, Guid AlertId)? after, int limit,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var cmd = new NpgsqlCommand("""
            SELECT a.alert_id, a.transaction_id, a.kind, a.score, a.explanation, a.txn_date, t.amount, t.description,
                   d.alert_id IS NOT NULL
            FROM anomaly_alerts a
            JOIN transactions t ON t.id = a.transaction_id AND t.user_id = a.user_id
            LEFT JOIN anomaly_dismissals d ON d.user_id = a.user_id AND d.alert_id = a.alert_id
            WHERE a.user_id = @user
              AND (@since::date IS NULL OR a.txn_date >= @since::date)
              AND (@after_date::date IS NULL OR (a.txn_date, a.alert_id) < (@after_date::date, @after_id::uuid))
            ORDER BY a.txn_date DESC, a.alert_id DESC
            LIMIT @limit
            """, connection);
        cmd.Parameters.AddWithValue("user", userId);
        cmd.Parameters.Add(new NpgsqlParameter("since", NpgsqlDbType.Date) { Value = since is { } s ? s : DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("after_date", NpgsqlDbType.Date) { Value = after is { } a ? a.Date : DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("after_id", NpgsqlDbType.Uuid) { Value = after is { } b ? b.AlertId : DBNull.Value });
        cmd.Parameters.AddWithValue("limit", limit + 1);
        var alerts = new List<StoredAlert>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            alerts.Add(new StoredAlert(reader.GetGuid(0), reader.GetInt64(1), reader.GetString(2), reader.GetFloat(3), reader.GetString(4),
                reader.GetFieldValue<DateOnly>(5), reader.GetDecimal(6), reader.GetString(7), reader.GetBoolean(8)));
        return alerts;
    }

    /// <returns>False when the user has no such alert (another user's alert is no different from a missing one).</returns>
    public async Task<bool> DismissAsync(string userId, Guid alertId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var cmd = new NpgsqlCommand("""
            WITH alert AS (SELECT alert_id FROM anomaly_alerts WHERE user_id = @user AND alert_id = @alert),
            recorded AS (
                INSERT INTO anomaly_dismissals (user_id, alert_id) SELECT @user, alert_id FROM alert ON CONFLICT DO NOTHING)
            SELECT EXISTS (SELECT 1 FROM alert)
            """, connection);
        cmd.Parameters.AddWithValue("user", userId);
        cmd.Parameters.AddWithValue("alert", alertId);
        return (bool)(await cmd.ExecuteScalarAsync(cancellationToken))!;
    }
}
