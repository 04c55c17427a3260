using Dapper;
using Npgsql;
using Scale.Domain.Categorization;
using Scale.Domain.Transactions;
using Scale.Functions.Infrastructure.Transactions;

namespace Scale.Functions.Infrastructure.Categorization;

/// <summary>One of the user's rules as GET /categorization/rules lists it (<c>direction</c>: debit, credit or any).</summary>
public sealed record CategoryRuleEntry(string RuleKey, string Direction, string Category, DateTime UpdatedAt);

/// <summary>A deleted rule: the direction it applied to and the category it gave.</summary>
public sealed record DeletedRule(string Direction, string Category);

/// <summary>What deleting a rule did (DELETE /categorization/rules/{rule_key} answers it).</summary>
/// <param name="TransactionsRecategorized">How many of the user's rows whose category a deleted rule chose now have
/// another category or source (a row another rule of the user's gives the same category again is not counted).</param>
public sealed record CategoryRuleDeleted(string RuleKey, IReadOnlyList<DeletedRule> Deleted, int TransactionsRecategorized);

/// <summary>
/// Lists the user's rules and deletes one, giving the rows it categorized what SCALE answers without it. The
/// labelled examples the feedback stored stay (the rows the user corrected keep their category, and they are still
/// the user's word): a user model trained on them keeps answering as it learned.
/// </summary>
public sealed class CategoryRuleRemoval(NpgsqlDataSource dataSource, CategorizationService categorization)
{
    /// <summary>A listing's bound: rules are made one correction at a time.</summary>
    public const int MaxListed = 1_000;
    /// <summary>category_rules.rule_key's bound (migration 0003).</summary>
    public const int MaxKeyLength = 200;

    public async Task<IReadOnlyList<CategoryRuleEntry>> ListAsync(string userId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Key, string Direction, string Category, DateTime UpdatedAt)>(new CommandDefinition("""
            SELECT rule_key, direction, category, updated_at FROM user_category_rules
            WHERE user_id = @userId ORDER BY updated_at DESC, rule_key, direction LIMIT @limit
            """, new { userId, limit = MaxListed }, cancellationToken: cancellationToken));
        return rows.Select(r => new CategoryRuleEntry(r.Key, r.Direction, r.Category, DateTime.SpecifyKind(r.UpdatedAt, DateTimeKind.Utc))).ToList();
    }

    /// <summary>
    /// Deletes the user's rule for <paramref name="ruleKey"/> and <paramref name="direction"/> (null: every direction)
    /// in one transaction under the user's import lock (an import running now commits first), and recategorizes the
    /// user's rows whose category a deleted rule chose (category_source 'rule', recognized by the deleted rules
    /// themselves) with the user's remaining rules and models. Rows the source or the user categorized keep theirs.
    /// Null when the user has no such rule.
    /// </summary>
    public async Task<CategoryRuleDeleted?> DeleteAsync(string userId, string ruleKey, string? direction, CancellationToken cancellationToken)
    {
        // The user's account holder and models are read first, on connections of their own: once this one holds the
        // user's import lock it opens no other (as imports, so a burst of deletes cannot drain the pool).
        var categorizer = await categorization.ForUserAsync(userId, cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await UserImportLock.AcquireAsync(connection, tx, userId, cancellationToken);
        var deleted = (await connection.QueryAsync<(string Direction, string Category)>(new CommandDefinition("""
            WITH both_directions AS (
                DELETE FROM category_rules WHERE user_id = @userId AND rule_key = @ruleKey AND coalesce(@direction::text, 'any') = 'any'
                RETURNING 'any'::text AS direction, category),
            one_direction AS (
                DELETE FROM category_rules_by_direction
                WHERE user_id = @userId AND rule_key = @ruleKey AND (@direction::text IS NULL OR direction = @direction)
                RETURNING direction, category)
            SELECT direction, category FROM both_directions UNION ALL SELECT direction, category FROM one_direction
            """, new { userId, ruleKey, direction }, tx, cancellationToken: cancellationToken))).ToList();
        if (deleted.Count == 0) return null;

        var removed = new UserRuleBook(deleted.Select(d => new UserRule(ruleKey, d.Category, TransactionTypes.ParseOrNull(d.Direction))));
        var remaining = categorizer.WithRules(await CategoryRuleStore.LoadAsync(connection, tx, userId, cancellationToken));
        var rows = await connection.QueryAsync<(long Id, string Description, string? Merchant, string? BeforeRename, decimal Amount, string Type, DateOnly Date)>(
            new CommandDefinition("""
                SELECT id, description, merchant, merchant_before_rename, amount, type, txn_date FROM transactions
                WHERE user_id = @userId AND category_source = @ruleSource
                """, new { userId, ruleSource = ClassificationSources.Rule }, tx, cancellationToken: cancellationToken));
        var ids = new List<long>();
        var categories = new List<string>();
        var sources = new List<string>();
        foreach (var row in rows)
        {
            // A statement row was classified from its narration alone (the stored merchant is the name SCALE
            // resolved from it), a JSON row perhaps with the merchant it carried: the narration alone first, then
            // with the merchant as resolved before any rename of the user's (rules are keyed by identity).
            var input = new ClassificationInput(row.Description, null, row.Amount, TransactionTypes.ParseOrNull(row.Type), row.Date);
            if (removed.TryClassify(input, string.Empty) is null)
            {
                input = input with { Merchant = row.BeforeRename ?? row.Merchant };
                if (input.Merchant is null || removed.TryClassify(input, string.Empty) is null) continue;
            }
            var answer = remaining.Classify(input);
            ids.Add(row.Id);
            categories.Add(answer.Category);
            sources.Add(answer.Source);
        }
        var recategorized = ids.Count == 0 ? 0 : await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE transactions t SET category = u.category, category_source = u.source
            FROM unnest(@ids::bigint[], @categories::text[], @sources::text[]) AS u(id, category, source)
            WHERE t.user_id = @userId AND t.id = u.id AND (t.category, t.category_source) IS DISTINCT FROM (u.category, u.source)
            """, new { userId, ids = ids.ToArray(), categories = categories.ToArray(), sources = sources.ToArray() }, tx,
            cancellationToken: cancellationToken));
        await tx.CommitAsync(cancellationToken);
        return new CategoryRuleDeleted(ruleKey, deleted.Select(d => new DeletedRule(d.Direction, d.Category)).ToList(), recategorized);
    }
}
