using System.Data.Common;
using Dapper;
using Npgsql;
using Scale.Domain.Categorization;

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
    /// The keys a transaction's shown merchant stands for: those of the user's renames that show this name (the row
    /// was renamed before; several when the user gave two merchants one name), else the merchant's own key, else
    /// the key of the counterparty its narration names. Empty when nothing names a merchant.
    /// </summary>
    public static async Task<IReadOnlyList<string>> KeysOfAsync(DbConnection connection, DbTransaction tx, string userId,
        string? shownMerchant, string description, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(shownMerchant))
        {
            var renamed = (await connection.QueryAsync<string>(new CommandDefinition(
                "SELECT merchant_key FROM merchant_overrides WHERE user_id = @userId AND display_name = @shownMerchant ORDER BY merchant_key",
                new { userId, shownMerchant }, tx, cancellationToken: cancellationToken))).ToList();
            if (renamed.Count > 0) return renamed;
        }
        var name = string.IsNullOrWhiteSpace(shownMerchant) ? NarrationAnalyzer.Analyze(description).Merchant : shownMerchant;
        var key = StoredKeyOf(name);
        return key.Length == 0 ? [] : [key];
    }

    /// <summary>A merchant's key as merchant_overrides stores it (cut to the column's bound); empty for none.</summary>
    private static string StoredKeyOf(string? merchant)
    {
        var key = merchant is null ? string.Empty : MerchantKey.Of(merchant);
        return key.Length > MaxKeyLength ? key[..MaxKeyLength] : key;
    }

    /// <summary>
    /// Renames a merchant for the user, in the caller's transaction: every key behind the transaction's shown
    /// merchant now shows <paramref name="newName"/>, and so do the transaction itself and the user's other
    /// transactions shown under the same name or under another spelling with one of those keys ("RAJU TEA-STALL",
    /// or the legal entity of a lexicon brand). A row whose narration names no merchant is renamed alone (there is
    /// nothing to recognize its next rows by; renaming it again is its undo). Each row keeps the name SCALE had
    /// resolved for it (merchant_before_rename, the first one when renamed twice) for <see cref="UndoAsync"/>.
    /// </summary>
    /// <param name="names">The names the rename moves (<see cref="NamesShownForAsync"/> of <paramref name="keys"/>).</param>
    public static async Task<MerchantRename> RenameAsync(DbConnection connection, DbTransaction tx, string userId, long transactionId,
        IReadOnlyList<string> keys, IReadOnlyList<string> names, string newName, CancellationToken cancellationToken)
    {
        foreach (var key in keys)
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO merchant_overrides(user_id, merchant_key, display_name) VALUES (@userId, @key, @newName)
                ON CONFLICT (user_id, merchant_key) DO UPDATE SET display_name = EXCLUDED.display_name, updated_at = now()
                """, new { userId, key, newName }, tx, cancellationToken: cancellationToken));
        var renamed = await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE transactions SET merchant = @newName, merchant_before_rename = coalesce(merchant_before_rename, merchant)
            WHERE user_id = @userId AND (id = @transactionId OR merchant = ANY(@names))
            """, new { userId, transactionId, newName, names = names.ToArray() }, tx, cancellationToken: cancellationToken));
        return new MerchantRename(newName, renamed);
    }

    /// <summary>
    /// The names the user's transactions of one merchant show: <paramref name="shownMerchant"/> (what the row the user
    /// corrected shows) and every name whose key is one of <paramref name="keys"/> (the merchant printed another way,
    /// or a lexicon brand's legal entity). Empty when there are no keys: a row whose narration names no merchant
    /// stands alone. A key needs the lexicon, which SQL does not have: the user's distinct names (one range of the
    /// (user_id, merchant) index, a few thousand names for a heavy user) are matched here.
    /// </summary>
    public static async Task<string[]> NamesShownForAsync(DbConnection connection, DbTransaction tx, string userId,
        IReadOnlyList<string> keys, string? shownMerchant, CancellationToken cancellationToken)
    {
        if (keys.Count == 0) return [];
        var shown = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT DISTINCT merchant FROM transactions WHERE user_id = @userId AND merchant IS NOT NULL",
            new { userId }, tx, cancellationToken: cancellationToken));
        var names = shown.Where(name => keys.Contains(StoredKeyOf(name), StringComparer.Ordinal)).ToHashSet(StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(shownMerchant)) names.Add(shownMerchant);
        return [.. names];
    }

    /// <summary>
    /// Undoes the user's rename of <paramref name="merchantKey"/> in one transaction: the rename is deleted, so later
    /// imports show the merchant's own name again, and every transaction shown under the rename's name whose
    /// resolved merchant has this key shows that merchant again (rows renamed together with another key keep the
    /// name that key still gives them). Null when the user has no rename of this key.
    /// </summary>
    public async Task<MerchantRenameUndone?> UndoAsync(string userId, string merchantKey, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var displayName = await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "DELETE FROM merchant_overrides WHERE user_id = @userId AND merchant_key = @merchantKey RETURNING display_name",
            new { userId, merchantKey }, tx, cancellationToken: cancellationToken));
        if (displayName is null) return null;

        // As in NamesWithKeysAsync, the keys are matched here: the rows shown under the name are one index range.
        var shown = await connection.QueryAsync<(long Id, string Resolved)>(new CommandDefinition("""
            SELECT id, merchant_before_rename FROM transactions
            WHERE user_id = @userId AND merchant = @displayName AND merchant_before_rename IS NOT NULL
            """, new { userId, displayName }, tx, cancellationToken: cancellationToken));
        var ids = shown.Where(row => StoredKeyOf(row.Resolved) == merchantKey).Select(row => row.Id).ToArray();
        var restored = ids.Length == 0 ? 0 : await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE transactions SET merchant = merchant_before_rename, merchant_before_rename = NULL
            WHERE user_id = @userId AND id = ANY(@ids)
            """, new { userId, ids }, tx, cancellationToken: cancellationToken));
        await tx.CommitAsync(cancellationToken);
        return new MerchantRenameUndone(merchantKey, displayName, restored);
    }
}
