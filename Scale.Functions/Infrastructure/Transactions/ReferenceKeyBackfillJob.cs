using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Scale.Domain.Ingestion;
using Scale.Domain.Transactions;
using Scale.Functions.Triggers;

namespace Scale.Functions.Infrastructure.Transactions;

/// <summary>
/// Gives rows stored before migration 0008 the reference key an import computes today
/// (<see cref="ReferenceIdentity.Key(TransactionDraft)"/> from the stored date, amount, direction, currency,
/// narration and reference), so a later export of the same transaction in another layout is recognized by its bank
/// reference. A row keeps no key when its reference cannot identify it, or when another row of the user already holds
/// that key: that is what an import does for the second row of a reference, and for rows stored before 0008 it is
/// usually the same transaction imported twice in two layouts (counted in the log; nothing is deleted). Works in id
/// order within the fixed range migration 0014 recorded, a bounded number of rows per run, resuming where it stopped;
/// safe on several instances at once (the progress row is locked for the run) and alongside imports (a key an import
/// stored first wins; the batch is retried without it). Functions: a TimerTrigger; local host: a timer.
/// </summary>
public sealed class ReferenceKeyBackfillJob(NpgsqlDataSource dataSource, ILogger<ReferenceKeyBackfillJob> logger) : IScheduledJob
{
    public const int BatchSize = 1_000;
    public const int MaxRowsPerRun = 20_000;

    private const string Candidates = """
        SELECT id, user_id, txn_date, amount, type, currency, description, reference
        FROM transactions
        WHERE id > @after AND id <= @upper AND reference_key IS NULL AND created_at < @cutoff
        ORDER BY id
        LIMIT @limit
        """;

    // A key another row of the user holds is left alone (the unique index would refuse it anyway).
    private const string Assign = """
        UPDATE transactions t SET reference_key = v.key
        FROM unnest(@ids, @keys) AS v(id, key)
        WHERE t.id = v.id AND t.reference_key IS NULL
          AND NOT EXISTS (SELECT 1 FROM transactions o WHERE o.user_id = t.user_id AND o.reference_key = v.key)
        """;

    Task IScheduledJob.RunAsync(CancellationToken cancellationToken) => RunAsync(cancellationToken);

    /// <returns>How many rows were given a key in this run.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var assigned = 0;
        var examined = 0;
        var retries = 0;
        while (examined < MaxRowsPerRun)
        {
            var batch = await RunBatchAsync(cancellationToken);
            if (batch is null) break;
            if (batch.Value.Retry)
            {
                // Imports keep storing keys of this range right now: the next run carries on.
                if (++retries > 3) break;
                continue;
            }
            examined += batch.Value.Examined;
            assigned += batch.Value.Assigned;
            if (batch.Value.Examined > 0)
                logger.LogInformation(
                    "Reference key backfill: {Examined} rows examined up to id {LastId}, {Assigned} given a key, {NoReference} without a usable reference, {Held} whose key another row already holds",
                    batch.Value.Examined, batch.Value.LastId, batch.Value.Assigned, batch.Value.NoReference, batch.Value.Held);
        }
        return assigned;
    }

    private readonly record struct BatchOutcome(int Examined, int Assigned, int NoReference, int Held, long LastId, bool Retry = false);

    /// <returns>null when the range is done (or another instance holds it).</returns>
    private async Task<BatchOutcome?> RunBatchAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        long after, upper;
        DateTime cutoff;
        await using (var progress = new NpgsqlCommand(
            "SELECT last_id, upper_id, cutoff FROM reference_key_backfill FOR UPDATE SKIP LOCKED", connection, transaction))
        await using (var reader = await progress.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken)) return null;
            (after, upper, cutoff) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetDateTime(2));
        }
        if (after >= upper) return null;

        var rows = new List<(long Id, string UserId, TransactionDraft Draft)>(BatchSize);
        var read = 0;
        var lastSeen = after;
        await using (var select = new NpgsqlCommand(Candidates, connection, transaction))
        {
            select.Parameters.AddWithValue("after", after);
            select.Parameters.AddWithValue("upper", upper);
            select.Parameters.Add(new NpgsqlParameter("cutoff", NpgsqlDbType.TimestampTz) { Value = cutoff });
            select.Parameters.AddWithValue("limit", BatchSize);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                read++;
                lastSeen = reader.GetInt64(0);
                // The column's CHECK allows only debit and credit; anything else cannot be keyed like an import would.
                if (!TransactionTypes.TryParse(reader.GetString(4), out var type)) continue;
                rows.Add((reader.GetInt64(0), reader.GetString(1), new TransactionDraft
                {
                    Date = reader.GetFieldValue<DateOnly>(2),
                    Amount = reader.GetDecimal(3),
                    Type = type,
                    Currency = reader.GetString(5),
                    Description = reader.GetString(6),
                    Reference = reader.IsDBNull(7) ? null : reader.GetString(7),
                }));
            }
        }
        // Fewer rows than asked for: nothing else is left below upper_id, the range is done.
        var lastId = read < BatchSize ? upper : lastSeen;

        // Two rows of one user with one key in this batch: the first (lowest id) gets it, as in an import.
        var ids = new List<long>(rows.Count);
        var keys = new List<string>(rows.Count);
        var taken = new HashSet<(string, string)>();
        var noReference = 0;
        foreach (var (id, userId, draft) in rows)
        {
            if (ReferenceIdentity.Key(draft) is not { } key) { noReference++; continue; }
            if (!taken.Add((userId, key))) continue;
            ids.Add(id);
            keys.Add(key);
        }
        var assigned = 0;
        if (ids.Count > 0)
        {
            await using var update = new NpgsqlCommand(Assign, connection, transaction);
            update.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = ids.ToArray() });
            update.Parameters.Add(new NpgsqlParameter("keys", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = keys.ToArray() });
            try
            {
                assigned = await update.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                // An import stored one of these keys after the NOT EXISTS looked: roll back, the next batch sees it.
                logger.LogInformation("Reference key backfill: a key was stored by an import meanwhile; retrying the batch");
                return new BatchOutcome(0, 0, 0, 0, after, Retry: true);
            }
        }
        await using (var advance = new NpgsqlCommand(
            "UPDATE reference_key_backfill SET last_id = @last, updated_at = now()", connection, transaction))
        {
            advance.Parameters.AddWithValue("last", lastId);
            await advance.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return new BatchOutcome(read, assigned, noReference, rows.Count - noReference - assigned, lastId);
    }
}
