using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Scale.Domain.Categorization;
using Scale.Domain.Transactions;

namespace Scale.Functions.Infrastructure.Transactions;

/// <summary>
/// Own-account transfer links in Postgres: after an import, the new rows are matched (<see cref="TransferMatcher"/>)
/// against the user's unpaired rows of the same amounts within a few days, on the import's own transaction so rows
/// and links commit together; and a user's undo clears a pair and records it so it is never linked again. Both take
/// a per-user advisory lock, so two imports of one user (or an import and an undo) never link one row twice.
/// </summary>
public sealed class TransferLinks(NpgsqlDataSource dataSource, UserTransactionsChanged changed, ILogger<TransferLinks> logger)
{
    private const string LockUser = "SELECT pg_advisory_xact_lock(hashtextextended('scale.transfers|' || @user, 0))";

    // (user_id, amount) is indexed; the date and pairing conditions filter those few rows.
    private const string Window = """
        SELECT id, txn_date, amount, type, currency, account, description, reference, import_id = @import_id
        FROM transactions
        WHERE user_id = @user AND amount = ANY(@amounts) AND txn_date BETWEEN @from AND @to
          AND transfer_pair_id IS NULL AND account IS NOT NULL
        """;

    // A statement's rows are all of one account, so each pair has its other side in another account: the amounts
    // found there (usually few) are the only ones worth reading the statement's own rows for.
    private const string OtherAccountAmounts = """
        SELECT DISTINCT amount FROM transactions
        WHERE user_id = @user AND amount = ANY(@amounts) AND txn_date BETWEEN @from AND @to
          AND transfer_pair_id IS NULL AND account IS NOT NULL AND account <> @account
        """;

    private const string Link = """
        UPDATE transactions t SET transfer_pair_id = v.pair_id
        FROM unnest(@ids, @pairs) AS v(id, pair_id)
        WHERE t.user_id = @user AND t.id = v.id AND t.transfer_pair_id IS NULL
        """;

    /// <summary>Links the transfers among the rows of import <paramref name="importId"/>; returns how many pairs.</summary>
    public static async Task<int> LinkImportedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string userId,
        Guid importId, TransferScope scope, CancellationToken cancellationToken)
    {
        if (scope.IsEmpty) return 0;
        await ExecuteAsync(connection, transaction, LockUser, cancellationToken, ("user", NpgsqlDbType.Text, userId));

        var from = scope.From.AddDays(-TransferMatcher.WindowDays);
        var to = scope.To.AddDays(TransferMatcher.WindowDays);
        var amounts = scope.Amounts;
        if (scope.Accounts.Count == 1)
        {
            var others = new List<decimal>();
            await using var cmd = new NpgsqlCommand(OtherAccountAmounts, connection, transaction);
            AddWindowParameters(cmd, userId, amounts, from, to);
            cmd.Parameters.Add(new NpgsqlParameter("account", NpgsqlDbType.Text) { Value = scope.Accounts.First() });
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) others.Add(reader.GetDecimal(0));
            if (others.Count == 0) return 0;
            amounts = [.. others];
        }

        var rows = new List<TransferCandidate>();
        await using (var cmd = new NpgsqlCommand(Window, connection, transaction))
        {
            AddWindowParameters(cmd, userId, amounts, from, to);
            cmd.Parameters.Add(new NpgsqlParameter("import_id", NpgsqlDbType.Uuid) { Value = importId });
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new TransferCandidate(reader.GetInt64(0), reader.GetFieldValue<DateOnly>(1), reader.GetDecimal(2),
                    reader.GetString(3) == TransactionTypes.Debit ? TransactionType.Debit : TransactionType.Credit,
                    reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7),
                    reader.GetBoolean(8)));
            }
        }
        if (!rows.Any(r => r.IsNew)) return 0;

        var pairs = TransferMatcher.Match(rows, await HolderAsync(connection, transaction, userId, cancellationToken),
            await DismissedAsync(connection, transaction, userId, rows, cancellationToken));
        if (pairs.Count == 0) return 0;

        var ids = new long[pairs.Count * 2];
        var pairIds = new Guid[pairs.Count * 2];
        for (var i = 0; i < pairs.Count; i++)
        {
            var pairId = Guid.CreateVersion7();
            (ids[2 * i], pairIds[2 * i]) = (pairs[i].DebitId, pairId);
            (ids[2 * i + 1], pairIds[2 * i + 1]) = (pairs[i].CreditId, pairId);
        }
        await using (var cmd = new NpgsqlCommand(Link, connection, transaction))
        {
            cmd.Parameters.Add(new NpgsqlParameter("user", NpgsqlDbType.Text) { Value = userId });
            cmd.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = ids });
            cmd.Parameters.Add(new NpgsqlParameter("pairs", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = pairIds });
            var updated = await cmd.ExecuteNonQueryAsync(cancellationToken);
            // Under the user's lock every row read as unpaired still is; anything else is a bug, and half a pair
            // must never commit.
            if (updated != ids.Length) throw new InvalidOperationException($"Linked {updated} rows for {pairs.Count} transfer pairs.");
        }
        return pairs.Count;
    }

    /// <summary>
    /// Undoes a transfer link of this user: both rows count as spending/income again, and the pair is remembered
    /// so no later import links it again. False when the user has no such pair (another user's is the same as none).
    /// Listeners are told after the commit, with the connection back in the pool.
    /// </summary>
    public async Task<bool> UnlinkAsync(string userId, Guid pairId, CancellationToken cancellationToken)
    {
        if (!await UnlinkRowsAsync(userId, pairId, cancellationToken)) return false;
        logger.LogInformation("Transfer pair {PairId} of {UserId} undone", pairId, userId);
        await changed.NotifyAsync(userId, TransactionsChangeKind.TransferLinkChanged, cancellationToken);
        return true;
    }

    private async Task<bool> UnlinkRowsAsync(string userId, Guid pairId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, LockUser, cancellationToken, ("user", NpgsqlDbType.Text, userId));
        long? debit = null, credit = null;
        await using (var cmd = new NpgsqlCommand("""
            UPDATE transactions SET transfer_pair_id = NULL
            WHERE user_id = @user AND transfer_pair_id = @pair
            RETURNING id, type
            """, connection, transaction))
        {
            cmd.Parameters.Add(new NpgsqlParameter("user", NpgsqlDbType.Text) { Value = userId });
            cmd.Parameters.Add(new NpgsqlParameter("pair", NpgsqlDbType.Uuid) { Value = pairId });
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (reader.GetString(1) == TransactionTypes.Debit) debit = reader.GetInt64(0);
                else credit = reader.GetInt64(0);
            }
        }
        if (debit is null || credit is null) return false; // disposing rolls back (nothing was changed)
        await ExecuteAsync(connection, transaction, """
            INSERT INTO transfer_dismissals (user_id, debit_id, credit_id) VALUES (@user, @debit, @credit)
            ON CONFLICT DO NOTHING
            """, cancellationToken,
            ("user", NpgsqlDbType.Text, userId), ("debit", NpgsqlDbType.Bigint, debit.Value), ("credit", NpgsqlDbType.Bigint, credit.Value));
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static void AddWindowParameters(NpgsqlCommand cmd, string userId, decimal[] amounts, DateOnly from, DateOnly to)
    {
        cmd.Parameters.Add(new NpgsqlParameter("user", NpgsqlDbType.Text) { Value = userId });
        cmd.Parameters.Add(new NpgsqlParameter("amounts", NpgsqlDbType.Array | NpgsqlDbType.Numeric) { Value = amounts });
        cmd.Parameters.Add(new NpgsqlParameter("from", NpgsqlDbType.Date) { Value = from });
        cmd.Parameters.Add(new NpgsqlParameter("to", NpgsqlDbType.Date) { Value = to });
    }

    private static async Task<AccountHolder> HolderAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string userId,
        CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand(
            "SELECT account_holder_names, own_account_numbers FROM profiles WHERE user_id = @user", connection, transaction);
        cmd.Parameters.Add(new NpgsqlParameter("user", NpgsqlDbType.Text) { Value = userId });
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new AccountHolder(reader.GetFieldValue<string[]>(0), reader.GetFieldValue<string[]>(1))
            : AccountHolder.None;
    }

    private static async Task<HashSet<TransferPair>> DismissedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        string userId, List<TransferCandidate> rows, CancellationToken cancellationToken)
    {
        var dismissed = new HashSet<TransferPair>();
        await using var cmd = new NpgsqlCommand(
            "SELECT debit_id, credit_id FROM transfer_dismissals WHERE user_id = @user AND debit_id = ANY(@ids)", connection, transaction);
        cmd.Parameters.Add(new NpgsqlParameter("user", NpgsqlDbType.Text) { Value = userId });
        cmd.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Bigint)
            { Value = rows.Where(r => r.Type == TransactionType.Debit).Select(r => r.Id).ToArray() });
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) dismissed.Add(new TransferPair(reader.GetInt64(0), reader.GetInt64(1)));
        return dismissed;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql,
        CancellationToken cancellationToken, params (string Name, NpgsqlDbType Type, object Value)[] parameters)
    {
        await using var cmd = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, type, value) in parameters) cmd.Parameters.Add(new NpgsqlParameter(name, type) { Value = value });
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }
}
