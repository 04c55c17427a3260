using Dapper;
using Npgsql;

namespace Scale.Functions.Infrastructure.Transactions;

/// <summary>
/// A statement the client imports in several requests (POST /ingestion/import with statement_key): the part of
/// it a request carries, starting at <paramref name="Offset"/> (the position of the request's first row).
/// </summary>
public sealed record StatementPart(string Key, int Offset)
{
    public const int MaxKeyLength = 128;
}

/// <summary>The part cannot be placed in its statement; nothing was imported (409).</summary>
public sealed class StatementPartConflictException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>
/// The statement's memory across requests, on the import's own connection and transaction: which row stood at
/// which position. Occurrence indexes of identical rows then count over the whole statement by position, so a
/// statement split into any number of requests gets the fingerprints it would get in one, and re-sending a part
/// (same positions) repeats them and inserts nothing. Parts must arrive without gaps (a part may start at most at
/// the first position not yet sent): the count for position p needs every row before p. A position re-sent with a
/// different row is refused, because the rows after it were counted with the old one.
/// </summary>
public static class StatementOccurrences
{
    /// <summary>
    /// Locks the statement for this transaction (parts of one statement import one at a time), checks the part
    /// continues it, and returns how many rows of each canonical key hash stand before the part.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, int>> BeginAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        string userId, StatementPart part, CancellationToken cancellationToken)
    {
        var args = new { userId, key = part.Key, offset = part.Offset };
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO import_statements (user_id, statement_key) VALUES (@userId, @key) ON CONFLICT DO NOTHING
            """, args, transaction, cancellationToken: cancellationToken));
        var rowsSeen = await connection.QuerySingleAsync<int>(new CommandDefinition("""
            SELECT rows_seen FROM import_statements WHERE user_id = @userId AND statement_key = @key FOR UPDATE
            """, args, transaction, cancellationToken: cancellationToken));
        if (part.Offset > rowsSeen)
            throw new StatementPartConflictException("statement_gap",
                $"Rows {rowsSeen} to {part.Offset - 1} of statement '{part.Key}' have not been imported yet; send the parts in order (the next starts at statement_offset {rowsSeen}).");

        var counts = await connection.QueryAsync<(byte[] Hash, int Count)>(new CommandDefinition("""
            SELECT canonical_hash, count(*)::int FROM import_statement_rows
            WHERE user_id = @userId AND statement_key = @key AND position < @offset
            GROUP BY canonical_hash
            """, args, transaction, cancellationToken: cancellationToken));
        return counts.ToDictionary(c => Convert.ToHexStringLower(c.Hash), c => c.Count, StringComparer.Ordinal);
    }

    /// <summary>
    /// Records the part's rows (position → canonical key hash). Throws when a position already holds another
    /// row, or a stored row within the part's range is missing from it (it was rejected or changed).
    /// </summary>
    /// <param name="received">How many rows the request carried, valid or not: the part covers Offset .. Offset+received-1.</param>
    public static async Task RecordAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string userId, StatementPart part,
        IReadOnlyList<int> positions, IReadOnlyList<string> keyHashes, int received, CancellationToken cancellationToken)
    {
        // Plain Npgsql parameters: the arrays must reach Postgres as int[] and bytea[], not as Dapper list expansions.
        NpgsqlCommand Command(string sql)
        {
            var cmd = new NpgsqlCommand(sql, connection, transaction);
            cmd.Parameters.AddWithValue("userId", userId);
            cmd.Parameters.AddWithValue("key", part.Key);
            cmd.Parameters.AddWithValue("start", part.Offset);
            cmd.Parameters.AddWithValue("end", part.Offset + received);
            cmd.Parameters.AddWithValue("positions", positions.ToArray());
            cmd.Parameters.AddWithValue("hashes", keyHashes.Select(Convert.FromHexString).ToArray());
            return cmd;
        }

        await using (var check = Command("""
            SELECT min(r.position) FROM import_statement_rows r
            LEFT JOIN unnest(@positions, @hashes) AS u(position, hash) ON u.position = r.position
            WHERE r.user_id = @userId AND r.statement_key = @key AND r.position >= @start AND r.position < @end
              AND (u.hash IS NULL OR u.hash <> r.canonical_hash)
            """))
        {
            if (await check.ExecuteScalarAsync(cancellationToken) is int position)
                throw new StatementPartConflictException("statement_row_changed",
                    $"Row {position} of statement '{part.Key}' differs from the row imported at that position before (transactions[{position - part.Offset}]); a statement's rows cannot change once imported.");
        }

        await using var record = Command("""
            INSERT INTO import_statement_rows (user_id, statement_key, position, canonical_hash)
            SELECT @userId, @key, u.position, u.hash FROM unnest(@positions, @hashes) AS u(position, hash)
            ON CONFLICT DO NOTHING;
            UPDATE import_statements SET rows_seen = greatest(rows_seen, @end), updated_at = now()
            WHERE user_id = @userId AND statement_key = @key
            """);
        await record.ExecuteNonQueryAsync(cancellationToken);
    }
}
