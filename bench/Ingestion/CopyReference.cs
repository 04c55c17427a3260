using Npgsql;
using NpgsqlTypes;
using Scale.Domain.Transactions;

namespace Scale.Bench.Ingestion;

/// <summary>
/// The physical reference: a plain binary COPY of exactly the rows the import writes (same columns, same values)
/// straight into a scratch table, with no staging, no conflict check and, for the main figure, no indexes.
/// </summary>
public static class CopyReference
{
    private const string Columns = """
        user_id text, fingerprint text, txn_date date, amount numeric(14,2), type text, currency char(3),
        description text, merchant text, category text, payment_method text, reference text, raw_data jsonb,
        import_id uuid, upload_id uuid
        """;

    public static async Task CreateTablesAsync(NpgsqlDataSource db)
    {
        await using var cmd = db.CreateCommand($"""
            CREATE TABLE copy_plain ({Columns});
            -- Exactly the real table's indexes, constraints and storage settings, whatever migrations say today.
            CREATE TABLE copy_indexed (LIKE transactions INCLUDING ALL);
            """);
        await cmd.ExecuteNonQueryAsync();
    }

    public static async Task CopyAsync(NpgsqlDataSource db, string table, string userId, IReadOnlyList<string> fingerprints,
        IReadOnlyList<TransactionDraft> drafts)
    {
        var importId = Guid.NewGuid();
        await using var connection = await db.OpenConnectionAsync();
        await using var copy = await connection.BeginBinaryImportAsync($"""
            COPY {table} (user_id, fingerprint, txn_date, amount, type, currency, description, merchant, category,
                          payment_method, reference, raw_data, import_id, upload_id) FROM STDIN (FORMAT BINARY)
            """);
        for (var i = 0; i < drafts.Count; i++)
        {
            var d = drafts[i];
            await copy.StartRowAsync();
            await copy.WriteAsync(userId, NpgsqlDbType.Text);
            await copy.WriteAsync(fingerprints[i], NpgsqlDbType.Text);
            await copy.WriteAsync(d.Date, NpgsqlDbType.Date);
            await copy.WriteAsync(d.Amount, NpgsqlDbType.Numeric);
            await copy.WriteAsync(d.Type.ToWire(), NpgsqlDbType.Text);
            await copy.WriteAsync(d.Currency, NpgsqlDbType.Text);
            await copy.WriteAsync(d.Description, NpgsqlDbType.Text);
            await Nullable(copy, d.Merchant, NpgsqlDbType.Text);
            await Nullable(copy, d.Category, NpgsqlDbType.Text);
            await Nullable(copy, d.PaymentMethod, NpgsqlDbType.Text);
            await Nullable(copy, d.Reference, NpgsqlDbType.Text);
            await Nullable(copy, d.Raw?.ToJsonString(), NpgsqlDbType.Jsonb);
            await copy.WriteAsync(importId, NpgsqlDbType.Uuid);
            await copy.WriteNullAsync();
        }
        await copy.CompleteAsync();
    }

    private static Task Nullable(NpgsqlBinaryImporter copy, string? value, NpgsqlDbType type) =>
        value is null ? copy.WriteNullAsync() : copy.WriteAsync(value, type);
}
