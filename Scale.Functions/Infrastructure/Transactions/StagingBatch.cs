using Npgsql;
using NpgsqlTypes;
using Scale.Domain.Transactions;

namespace Scale.Functions.Infrastructure.Transactions;

/// <summary>
/// One import's database side: a connection, a transaction, a temp staging table (ON COMMIT DROP) fed by one
/// binary COPY, then a single INSERT ... SELECT ... ON CONFLICT (user_id, fingerprint) DO NOTHING into transactions.
/// Disposing without <see cref="CommitAsync"/> rolls everything back (and the staging table with it).
/// </summary>
public sealed class StagingBatch : IAsyncDisposable
{
    private const string CreateStaging = """
        CREATE TEMP TABLE import_staging (
            ord int NOT NULL, fingerprint text NOT NULL, txn_date date NOT NULL, amount numeric(14,2) NOT NULL,
            type text NOT NULL, currency text NOT NULL, description text NOT NULL, merchant text, category text,
            payment_method text, reference text, raw_data jsonb) ON COMMIT DROP
        """;

    private const string Copy = """
        COPY import_staging (ord, fingerprint, txn_date, amount, type, currency, description, merchant, category,
                             payment_method, reference, raw_data) FROM STDIN (FORMAT BINARY)
        """;

    // Rows go in fingerprint order: every import takes the unique-index locks in the same order, so two imports
    // overlapping in any way wait for each other instead of deadlocking. Within a day the listing order is by id.
    private const string Merge = """
        INSERT INTO transactions (user_id, fingerprint, txn_date, amount, type, currency, description, merchant,
                                  category, payment_method, reference, raw_data, import_id, upload_id)
        SELECT $1, fingerprint, txn_date, amount, type, currency, description, merchant, category, payment_method,
               reference, raw_data, $2, $3
        FROM import_staging ORDER BY fingerprint
        ON CONFLICT (user_id, fingerprint) DO NOTHING
        """;

    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private NpgsqlBinaryImporter? _copy;

    private StagingBatch(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    public static async Task<StagingBatch> BeginAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var batch = new StagingBatch(connection, transaction);
            await batch.ExecuteAsync(CreateStaging, cancellationToken);
            return batch;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async Task WriteAsync(IReadOnlyList<string> fingerprints, IReadOnlyList<TransactionDraft> drafts, int ordinalBase,
        CancellationToken cancellationToken)
    {
        _copy ??= await _connection.BeginBinaryImportAsync(Copy, cancellationToken);
        for (var i = 0; i < drafts.Count; i++)
        {
            var d = drafts[i];
            await _copy.StartRowAsync(cancellationToken);
            await _copy.WriteAsync(ordinalBase + i, NpgsqlDbType.Integer, cancellationToken);
            await _copy.WriteAsync(fingerprints[i], NpgsqlDbType.Text, cancellationToken);
            await _copy.WriteAsync(d.Date, NpgsqlDbType.Date, cancellationToken);
            await _copy.WriteAsync(d.Amount, NpgsqlDbType.Numeric, cancellationToken);
            await _copy.WriteAsync(d.Type.ToWire(), NpgsqlDbType.Text, cancellationToken);
            await _copy.WriteAsync(d.Currency, NpgsqlDbType.Text, cancellationToken);
            await _copy.WriteAsync(d.Description.Trim(), NpgsqlDbType.Text, cancellationToken);
            await WriteNullableAsync(d.Merchant, NpgsqlDbType.Text, cancellationToken);
            await WriteNullableAsync(d.Category, NpgsqlDbType.Text, cancellationToken);
            await WriteNullableAsync(d.PaymentMethod, NpgsqlDbType.Text, cancellationToken);
            await WriteNullableAsync(d.Reference, NpgsqlDbType.Text, cancellationToken);
            await WriteNullableAsync(d.Raw?.ToJsonString(), NpgsqlDbType.Jsonb, cancellationToken);
        }
    }

    /// <returns>How many staged rows were new (the rest were already stored for this user).</returns>
    public async Task<int> MergeAsync(ImportContext context, Guid importId, CancellationToken cancellationToken)
    {
        if (_copy is null) return 0;
        await _copy.CompleteAsync(cancellationToken);
        await _copy.DisposeAsync();
        _copy = null;

        await using var merge = new NpgsqlCommand(Merge, _connection, _transaction);
        merge.Parameters.Add(new NpgsqlParameter { Value = context.UserId, NpgsqlDbType = NpgsqlDbType.Text });
        merge.Parameters.Add(new NpgsqlParameter { Value = importId, NpgsqlDbType = NpgsqlDbType.Uuid });
        merge.Parameters.Add(new NpgsqlParameter { Value = (object?)context.UploadId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        return await merge.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task RecordImportAsync(ImportContext context, ImportResult result, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO imports (import_id, user_id, source, upload_id, received, inserted, skipped_duplicates,
                                 skipped_zero_amount, rejected)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            """, _connection, _transaction);
        cmd.Parameters.Add(new NpgsqlParameter { Value = result.ImportId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = context.UserId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = context.Source });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)context.UploadId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        cmd.Parameters.Add(new NpgsqlParameter { Value = result.Received });
        cmd.Parameters.Add(new NpgsqlParameter { Value = result.Inserted });
        cmd.Parameters.Add(new NpgsqlParameter { Value = result.SkippedDuplicates });
        cmd.Parameters.Add(new NpgsqlParameter { Value = result.SkippedZeroAmount });
        cmd.Parameters.Add(new NpgsqlParameter { Value = result.RejectedCount });
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task RunAsync(ImportResult result,
        Func<ImportResult, NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task> action, CancellationToken cancellationToken) =>
        action(result, _connection, _transaction, cancellationToken);

    public Task CommitAsync(CancellationToken cancellationToken) => _transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        // An unfinished COPY is cancelled by disposing it; the transaction then rolls back with the connection.
        if (_copy is not null)
        {
            try { await _copy.DisposeAsync(); }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException) { /* the rollback below is what matters */ }
        }
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }

    private Task WriteNullableAsync(string? value, NpgsqlDbType type, CancellationToken cancellationToken) =>
        value is null ? _copy!.WriteNullAsync(cancellationToken) : _copy!.WriteAsync(value, type, cancellationToken);

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand(sql, _connection, _transaction);
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }
}
