using Dapper;
using Npgsql;
using Scale.Domain.Categorization;
using Scale.Domain.Categorization.UserModels;
using Scale.Domain.Transactions;

namespace Scale.Functions.Infrastructure.Training;

/// <summary>A labelled row of a training upload, keyed by its transaction fingerprint.</summary>
public sealed record UploadedExample(string Fingerprint, TransactionDraft Draft, string Category);

/// <summary>
/// A user's labelled examples (labelled_examples): their corrections (feedback) and labelled uploads. Every query
/// filters by user_id.
/// </summary>
public sealed class TrainingExampleStore(NpgsqlDataSource dataSource)
{
    /// <summary>The newest example id and the number of examples and categories up to it (a run's fixed snapshot).</summary>
    public async Task<(long MaxId, int Count, int Categories)> SnapshotAsync(string userId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleAsync<(long, int, int)>(new CommandDefinition("""
            SELECT COALESCE(max(id), 0), count(*)::int, count(DISTINCT category)::int
            FROM labelled_examples WHERE user_id = @userId
            """, new { userId }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<DatedExample>> LoadAsync(string userId, long maxId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Id, string Description, string? Merchant, decimal? Amount, string? Type, DateTime? TxnDate, DateTime CreatedAt, string Category)>(
            new CommandDefinition("""
                SELECT id, description, merchant, amount, type, txn_date, created_at, category
                FROM labelled_examples WHERE user_id = @userId AND id <= @maxId
                """, new { userId, maxId }, cancellationToken: cancellationToken));
        return rows.Select(r =>
        {
            var type = TransactionTypes.ParseOrNull(r.Type);
            var input = new ClassificationInput(r.Description, r.Merchant, r.Amount, type, r.TxnDate is { } d ? DateOnly.FromDateTime(d) : null);
            return new DatedExample(r.Id, DateOnly.FromDateTime(r.TxnDate ?? r.CreatedAt), new LabelledExample(input, r.Category));
        }).ToList();
    }

    /// <summary>
    /// Adds a labelled upload's rows inside the import's transaction (rows and labels commit together); a row already
    /// added (same fingerprint) keeps its first label. Returns rows added.
    /// </summary>
    public static async Task<int> AddUploadedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string userId,
        IReadOnlyList<UploadedExample> examples, CancellationToken cancellationToken)
    {
        if (examples.Count == 0) return 0;
        return await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO labelled_examples(user_id, description, merchant, amount, type, txn_date, category, source, fingerprint)
            SELECT @userId, e.description, e.merchant, e.amount, e.type, e.txn_date, e.category, 'training_upload', e.fingerprint
            FROM unnest(@descriptions, @merchants, @amounts, @types, @dates, @categories, @fingerprints)
                 AS e(description, merchant, amount, type, txn_date, category, fingerprint)
            ON CONFLICT (user_id, fingerprint) WHERE fingerprint IS NOT NULL DO NOTHING
            """,
            new
            {
                userId,
                descriptions = examples.Select(e => e.Draft.Description).ToArray(),
                merchants = examples.Select(e => e.Draft.Merchant).ToArray(),
                amounts = examples.Select(e => e.Draft.Amount).ToArray(),
                types = examples.Select(e => e.Draft.Type.ToWire()).ToArray(),
                dates = examples.Select(e => e.Draft.Date).ToArray(),
                categories = examples.Select(e => e.Category).ToArray(),
                fingerprints = examples.Select(e => e.Fingerprint).ToArray(),
            }, transaction, cancellationToken: cancellationToken));
    }
}
