using System.Data.Common;
using Dapper;
using Npgsql;
using Scale.Domain.Categorization;
using Scale.Functions.Infrastructure.Transactions;

namespace Scale.Functions.Infrastructure.Categorization;

/// <summary>One of the user's renames as GET /categorization/merchants lists it.</summary>
public sealed record MerchantRenameEntry(string MerchantKey, string DisplayName, DateTime UpdatedAt);

/// <summary>What a merchant rename did: the name now shown, and how many of the user's transactions now show it.</summary>
public sealed record MerchantRename(string DisplayName, int TransactionsRenamed);

/// <summary>What undoing a rename did (DELETE /categorization/merchants/{merchant_key} answers it): the key and the name it had, and how many transactions show their merchant's
/// own name again.</summary>
public sealed record MerchantRenameUndone(string MerchantKey, string DisplayName, int TransactionsRestored);

/// <summary>
/// The user's merchant renames (table merchant_overrides). Every statement filters by user_id. Read fresh for
/// each import, like the rule book, so a rename applies to the very next statement on any instance.
/// </summary>
public sealed class MerchantOverrideStore(NpgsqlDataSource dataSource)
{
    /// <summary>merchant_overrides.merchant_key's bound (migration 0013).</summary>
    public const int MaxKeyLength = 200;
    /// <summary>A listing's bound: renames are made one feedback at a time, so a user has far fewer.</summary>
    public const int MaxListed = 1_000;

    public async Task<UserMerchantBook> LoadAsync(string userId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Key, string Display)>(new CommandDefinition(
            "SELECT merchant_key, display_name FROM merchant_overrides WHERE user_id = @userId ORDER BY updated_at, merchant_key",
            new { userId }, cancellationToken: cancellationToken));
        return new UserMerchantBook(rows.Select(r => new MerchantOverride(r.Key, r.Display)));
    }

    public async Task<IReadOnlyList<MerchantRenameEntry>> ListAsync(string userId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Key, string Display, DateTime UpdatedAt)>(new CommandDefinition(
            """
            SELECT merchant_key, display_name, updated_at FROM merchant_overrides
            WHERE user_id = @userId ORDER BY updated_at DESC, merchant_key LIMIT @limit
            """,
            new { userId, limit = MaxListed }, cancellationToken: cancellationToken));
        return rows.Select(r => new MerchantRenameEntry(r.Key, r.Display, DateTime.SpecifyKind(r.UpdatedAt, DateTimeKind.Utc))).ToList();
    }

    /// <summary>
    /// The keys of the merchant a transaction shows: the key of the name SCALE resolved for it (the name before the
    /// user's rename, else the one shown, else the counterparty its narration names) and, when the row shows one of the
    /// user's renames, every key that name stands for (the user gave several merchants one name, and acts on the name).
    /// The row's own key comes first. Empty when nothing names a merchant.
    /// </summary>
    public static async Task<IReadOnlyList<string>> KeysOfAsync(DbConnection connection, DbTransaction tx, string userId,
        string? shownMerchant, string? merchantBeforeRename, string description, CancellationToken cancellationToken)
    {
        var resolved = merchantBeforeRename
            ?? (string.IsNullOrWhiteSpace(shownMerchant) ? NarrationAnalyzer.Analyze(description).Merchant : shownMerchant);
        var keys = new List<string>();
        if (StoredKeyOf(resolved) is { Length: > 0 } own) keys.Add(own);
        if (merchantBeforeRename is not null && !string.IsNullOrWhiteSpace(shownMerchant))
            foreach (var key in await connection.QueryAsync<string>(new CommandDefinition(
                "SELECT merchant_key FROM merchant_overrides WHERE user_id = @userId AND display_name = @shownMerchant ORDER BY merchant_key",
                new { userId, shownMerchant }, tx, cancellationToken: cancellationToken)))
                if (!keys.Contains(key, StringComparer.Ordinal)) keys.Add(key);
        return keys;
    }

    /// <summary>A merchant's key as merchant_overrides stores it (cut to the column's bound); empty for none.</summary>
    private static string StoredKeyOf(string? merchant)
    {
        var key = merchant is null ? string.Empty : MerchantKey.Of(merchant);
        return key.Length > MaxKeyLength ? key[..MaxKeyLength] : key;
    }

    /// <summary>
    /// The user's rows of the merchants <paramref name="keys"/> name, as the distinct (shown name, name before the
    /// rename) pairs they store: a row belongs to a key when the name SCALE resolved for it has that key, whatever it
    /// shows now, so the merchant printed another way ("RAJU TEA-STALL", a lexicon brand's legal entity) is included
    /// and another merchant that happens to show the same name is not. A key needs the lexicon, which SQL does not
    /// have: the pairs (one range of the (user_id, merchant) index, a few thousand for a heavy user) are matched here,
    /// and <see cref="OfMerchant"/> selects their rows. Empty for no keys (a row naming no merchant stands alone).
    /// </summary>
    public static async Task<MerchantRows> RowsOfAsync(DbConnection connection, DbTransaction tx, string userId,
        IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0) return MerchantRows.None;
        var pairs = await connection.QueryAsync<(string Shown, string? Before)>(new CommandDefinition(
            "SELECT DISTINCT merchant, merchant_before_rename FROM transactions WHERE user_id = @userId AND merchant IS NOT NULL",
            new { userId }, tx, cancellationToken: cancellationToken));
        var matched = pairs.Where(p => keys.Contains(StoredKeyOf(p.Before ?? p.Shown), StringComparer.Ordinal)).ToList();
        return new MerchantRows([.. matched.Select(p => p.Shown)], [.. matched.Select(p => p.Before)]);
    }

    /// <summary>
    /// SQL condition on <c>t</c> (transactions) for the rows of a <see cref="MerchantRows"/> passed as the
    /// parameters <c>@shown</c> and <c>@before</c>.
    /// </summary>
    public const string OfMerchant = """
        EXISTS (SELECT 1 FROM unnest(@shown::text[], @before::text[]) AS m(shown, before)
                WHERE t.merchant = m.shown AND t.merchant_before_rename IS NOT DISTINCT FROM m.before)
        """;

    /// <summary>
    /// Renames a merchant for the user, in the caller's transaction: every key behind the transaction's merchant now
    /// shows <paramref name="newName"/>, and so do the transaction itself and the user's other rows of those keys
    /// (<see cref="RowsOfAsync"/>). A row whose narration names no merchant is renamed alone (there is nothing to
    /// recognize its next rows by; renaming it again is its undo). Each row keeps the name SCALE had resolved for it
    /// (merchant_before_rename, the first one when renamed twice) for <see cref="UndoAsync"/>.
    /// </summary>
    public static async Task<MerchantRename> RenameAsync(DbConnection connection, DbTransaction tx, string userId, long transactionId,
        IReadOnlyList<string> keys, MerchantRows rows, string newName, CancellationToken cancellationToken)
    {
        foreach (var key in keys)
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO merchant_overrides(user_id, merchant_key, display_name) VALUES (@userId, @key, @newName)
                ON CONFLICT (user_id, merchant_key) DO UPDATE SET display_name = EXCLUDED.display_name, updated_at = now()
                """, new { userId, key, newName }, tx, cancellationToken: cancellationToken));
        var renamed = await connection.ExecuteAsync(new CommandDefinition($"""
            UPDATE transactions t SET merchant = @newName, merchant_before_rename = coalesce(t.merchant_before_rename, t.merchant)
            WHERE t.user_id = @userId AND (t.id = @transactionId OR {OfMerchant})
            """, new { userId, transactionId, newName, shown = rows.Shown, before = rows.Before }, tx, cancellationToken: cancellationToken));
        return new MerchantRename(newName, renamed);
    }

    /// <summary>
    /// Undoes the user's rename of <paramref name="merchantKey"/> in one transaction, under the user's import lock (an
    /// import running now commits first, and its rows are restored too): the rename is deleted, so later imports show
    /// the merchant's own name again, and every renamed row whose resolved merchant has this key shows that name again
    /// (rows of another key renamed to the same name keep it). Null when the user has no rename of this key.
    /// </summary>
    public async Task<MerchantRenameUndone?> UndoAsync(string userId, string merchantKey, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await UserImportLock.AcquireAsync(connection, tx, userId, cancellationToken);
        var displayName = await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "DELETE FROM merchant_overrides WHERE user_id = @userId AND merchant_key = @merchantKey RETURNING display_name",
            new { userId, merchantKey }, tx, cancellationToken: cancellationToken));
        if (displayName is null) return null;

        var rows = await RowsOfAsync(connection, tx, userId, [merchantKey], cancellationToken);
        var restored = await connection.ExecuteAsync(new CommandDefinition($"""
            UPDATE transactions t SET merchant = t.merchant_before_rename, merchant_before_rename = NULL
            WHERE t.user_id = @userId AND t.merchant_before_rename IS NOT NULL AND {OfMerchant}
            """, new { userId, shown = rows.Shown, before = rows.Before }, tx, cancellationToken: cancellationToken));
        await tx.CommitAsync(cancellationToken);
        return new MerchantRenameUndone(merchantKey, displayName, restored);
    }
}

/// <summary>The user's rows of some merchants as distinct (shown name, name before the rename) pairs, in two
/// parallel arrays for SQL (<see cref="MerchantOverrideStore.OfMerchant"/>).</summary>
public sealed record MerchantRows(string[] Shown, string?[] Before)
{
    public static MerchantRows None { get; } = new([], []);
    public bool IsEmpty => Shown.Length == 0;
}
