using System.Data.Common;
using Dapper;
using Npgsql;
using Scale.Domain.Categorization;
using Scale.Domain.Transactions;
using Scale.Functions.Infrastructure.Transactions;

namespace Scale.Functions.Infrastructure.Categorization;

/// <summary>
/// What the user told us: a category for one of their transactions, or for a narration (of one direction when
/// <paramref name="Type"/> is given; a transaction's own direction wins).
/// </summary>
public sealed record FeedbackInput(long? TransactionId, string? Description, string? Merchant, string Category, TransactionType? Type = null);

/// <summary>
/// A correction as stored: the rule it created, the labelled example it added, and the merchant rename it made
/// (null when the feedback named no transaction or gave it the merchant it already showed). For feedback on a
/// transaction, what the row showed before (its category and who chose it, <see cref="CategorySources"/>; null
/// for rows stored before sources were recorded) and how many of the user's other rows of that merchant whose
/// category SCALE chose now have the corrected one. The rule applies to rows of the example's direction
/// (<see cref="ClassificationInput.Type"/>; null: both).
/// </summary>
public sealed record Correction(string UserId, string RuleKey, string Category, ClassificationInput Example, long? TransactionId,
    MerchantRename? Rename = null)
{
    public string? ServedCategory { get; init; }
    public string? ServedSource { get; init; }
    public int Recategorized { get; init; }
}

/// <summary>The values of <c>user_category_rules.direction</c> (migration 0017): a transaction type's wire name, or this
/// for a rule of both directions (a row of category_rules).</summary>
public static class RuleDirections
{
    public const string Any = "any";

    /// <summary>"debit", "credit" or "any" exactly as stored (a client's "Debit" would match no row).</summary>
    public static bool IsValid(string direction) => direction is Any or TransactionTypes.Debit or TransactionTypes.Credit;
}

/// <summary>Per-user rules and labelled examples. Every statement filters by user_id.</summary>
public sealed class CategoryRuleStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// The user's rule book, read fresh on every call: a correction must take effect on the very next
    /// classification on any instance, and one indexed primary-key range scan is cheaper than cache coherence.
    /// </summary>
    public async Task<UserRuleBook> LoadAsync(string userId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await LoadAsync(connection, null, userId, cancellationToken);
    }

    /// <summary>As <see cref="LoadAsync(string, CancellationToken)"/> inside the caller's transaction.</summary>
    public static async Task<UserRuleBook> LoadAsync(DbConnection connection, DbTransaction? tx, string userId, CancellationToken cancellationToken)
    {
        var rules = await connection.QueryAsync<(string Key, string Category, string Direction)>(new CommandDefinition(
            "SELECT rule_key, category, direction FROM user_category_rules WHERE user_id = @userId ORDER BY updated_at, rule_key",
            new { userId }, tx, cancellationToken: cancellationToken));
        return new UserRuleBook(rules.Select(r => new UserRule(r.Key, r.Category, TransactionTypes.ParseOrNull(r.Direction))));
    }

    /// <summary>
    /// Records a correction in one transaction: the rule (newest correction wins), the labelled example, and — when
    /// it names one of the user's transactions — that transaction's category, the category of the user's other rows
    /// of the same merchant and direction whose category SCALE chose (rows the source or the user categorized keep
    /// theirs), and, when the feedback gives it another merchant, the user's name for that
    /// merchant (<see cref="MerchantOverrideStore.RenameAsync"/>). Returns null
    /// when the transaction does not exist for this user. A transaction whose narration yields no rule key is still
    /// recategorized (the correction then has an empty <see cref="Correction.RuleKey"/>, and no rule or example is
    /// stored). Runs under the user's import lock (<see cref="UserImportLock"/>): an import running now commits
    /// first, so its rows are recategorized too, and the next import reads the new rule.
    /// </summary>
    public async Task<Correction?> SaveAsync(string userId, FeedbackInput feedback, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await UserImportLock.AcquireAsync(connection, tx, userId, cancellationToken);

        var example = new ClassificationInput(feedback.Description ?? string.Empty, feedback.Merchant, Type: feedback.Type);
        string? ruleKey = null;
        IReadOnlyList<string> keys = [];
        MerchantRename? rename = null;
        (string? Category, string? Source) served = default;
        var recategorized = 0;
        if (feedback.TransactionId is { } transactionId)
        {
            // The row is locked and read before the update in one statement, so the answer it showed is reported.
            var row = await connection.QuerySingleOrDefaultAsync<(string Description, string? Merchant, decimal Amount, string Type, DateOnly Date,
                string? BeforeRename, string? ServedCategory, string? ServedSource)?>(
                new CommandDefinition("""
                    UPDATE transactions t SET category = @category, category_source = @feedbackSource
                    FROM (SELECT id, category, category_source FROM transactions
                          WHERE user_id = @userId AND id = @transactionId FOR UPDATE) served
                    WHERE t.user_id = @userId AND t.id = served.id
                    RETURNING t.description, t.merchant, t.amount, t.type, t.txn_date, t.merchant_before_rename,
                              served.category, served.category_source
                    """, new { userId, transactionId, category = feedback.Category, feedbackSource = CategorySources.Feedback },
                    tx, cancellationToken: cancellationToken));
            if (row is not { } found) return null;
            served = (found.ServedCategory, found.ServedSource);
            example = new ClassificationInput(found.Description, found.Merchant, found.Amount, TransactionTypes.ParseOrNull(found.Type), found.Date);
            // The rule goes under the merchant's identity, never under a name the user typed: the bank's next row
            // prints the counterparty, not the user's name for it.
            keys = await MerchantOverrideStore.KeysOfAsync(connection, tx, userId, found.Merchant, found.BeforeRename, found.Description, cancellationToken);
            ruleKey = keys.Count > 0 ? keys[0] : NarrationKey.For(found.Description, found.Merchant);
            var rows = await MerchantOverrideStore.RowsOfAsync(connection, tx, userId, keys, cancellationToken);
            // The same direction only: rules ignore it, but a correction of a Swiggy payment says nothing about the
            // Swiggy refunds the model filed under Refunds.
            if (!rows.IsEmpty)
                recategorized = await connection.ExecuteAsync(new CommandDefinition($"""
                    UPDATE transactions t SET category = @category, category_source = @ruleSource
                    WHERE t.user_id = @userId AND t.id <> @transactionId AND t.type = @type
                      AND t.category_source = ANY(@chosenByScale) AND t.category IS DISTINCT FROM @category
                      AND {MerchantOverrideStore.OfMerchant}
                    """, new
                    {
                        userId, transactionId, category = feedback.Category, ruleSource = ClassificationSources.Rule, type = found.Type,
                        chosenByScale = CategorySources.ChosenByScale.ToArray(), shown = rows.Shown, before = rows.Before,
                    }, tx, cancellationToken: cancellationToken));
            if (feedback.Merchant is { } newName && !string.Equals(newName, found.Merchant, StringComparison.Ordinal))
                rename = await MerchantOverrideStore.RenameAsync(connection, tx, userId, transactionId, keys, rows, newName, cancellationToken);
        }

        var correction = new Correction(userId, ruleKey ?? NarrationKey.For(example.Description, example.Merchant), feedback.Category, example,
            feedback.TransactionId, rename)
            { ServedCategory = served.Category, ServedSource = served.Source, Recategorized = recategorized };
        if (correction.RuleKey.Length == 0)
        {
            // No words to learn a rule from ("409812345678 / 0000123"): the category the user chose for their
            // transaction still stands. Without a transaction there is nothing to do; the caller reports that.
            if (feedback.TransactionId is not null) await tx.CommitAsync(cancellationToken);
            return correction;
        }

        // Under every key behind the row's merchant: when the user gave two merchants one name, the correction is
        // for that name, whichever of them this row was (the rows recategorized above are of both). One statement
        // per key: the rule for the row's direction (category_rules_by_direction, 0017), or for both (category_rules,
        // 0003), which first deletes the key's one-direction rules (the user said it for all). updated_at is the
        // statement's clock, not the transaction's start: this transaction may have waited for a running import,
        // and the rules' newest updated_at is how that import sees a correction made meanwhile (CategorizationStamp).
        var ruleKeys = keys.Count > 0 ? keys.ToArray() : [correction.RuleKey];
        var save = example.Type is not null
            ? """
              INSERT INTO category_rules_by_direction(user_id, rule_key, direction, category, updated_at)
              VALUES (@userId, @key, @direction, @category, clock_timestamp())
              ON CONFLICT (user_id, rule_key, direction) DO UPDATE SET category = EXCLUDED.category, updated_at = EXCLUDED.updated_at
              """
            : """
              WITH replaced AS (DELETE FROM category_rules_by_direction WHERE user_id = @userId AND rule_key = @key)
              INSERT INTO category_rules(user_id, rule_key, category, updated_at) VALUES (@userId, @key, @category, clock_timestamp())
              ON CONFLICT (user_id, rule_key) DO UPDATE SET category = EXCLUDED.category, updated_at = EXCLUDED.updated_at
              """;
        foreach (var key in ruleKeys)
            await connection.ExecuteAsync(new CommandDefinition(save,
                new { userId, key, direction = example.Type?.ToWire(), category = feedback.Category }, tx, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO labelled_examples(user_id, description, merchant, amount, type, txn_date, category, source, transaction_id)
            VALUES (@userId, @description, @merchant, @amount, @type, @date, @category, 'feedback', @transactionId)
            """,
            new
            {
                userId,
                description = example.Description,
                merchant = example.Merchant,
                amount = example.Amount,
                type = example.Type?.ToWire(),
                date = example.Date,
                category = feedback.Category,
                transactionId = feedback.TransactionId,
            }, tx, cancellationToken: cancellationToken));
        await tx.CommitAsync(cancellationToken);
        return correction;
    }
}
