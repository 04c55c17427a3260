using System.Text;
using Npgsql;
using NpgsqlTypes;
using Scale.Domain.Transactions;

namespace Scale.Functions.Infrastructure.Transactions;

/// <summary>GET /transactions filters, already validated. Text filters are case-insensitive "contains".</summary>
public sealed record TransactionFilter
{
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public decimal? MinAmount { get; init; }
    public decimal? MaxAmount { get; init; }
    public string? Category { get; init; }
    public string? Merchant { get; init; }
    public TransactionType? Type { get; init; }
    public string? Query { get; init; }
    /// <summary>Keyset position: rows strictly after (older than) this (date, id).</summary>
    public (DateOnly Date, long Id)? After { get; init; }
    public int Limit { get; init; } = 50;
}

public sealed record StoredTransaction(
    long Id, DateOnly Date, decimal Amount, string Type, string Currency, string Description, string? Merchant,
    string? Category, string? PaymentMethod, string? Reference, string? RawJson, Guid ImportId, Guid? UploadId,
    DateTime CreatedAt)
{
    /// <summary>The masked account the row came from (<see cref="AccountLabel"/>), when known.</summary>
    public string? Account { get; init; }
    /// <summary>The own-account transfer the row is one side of, and the other side's id.</summary>
    public (Guid PairId, long CounterpartId)? Transfer { get; init; }
    /// <summary>Who chose <see cref="Category"/> (<see cref="CategorySources"/>); null for rows stored before it was recorded.</summary>
    public string? CategorySource { get; init; }
}

/// <summary>Reads a user's transactions newest first with keyset pagination; every statement filters by user_id.</summary>
public sealed class TransactionQueries(NpgsqlDataSource dataSource)
{
    /// <returns>Up to <c>Limit + 1</c> rows: the extra one tells the caller there is a next page.</returns>
    public async Task<IReadOnlyList<StoredTransaction>> ListAsync(string userId, TransactionFilter filter, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var cmd = new NpgsqlCommand { Connection = connection };
        var sql = new StringBuilder("""
            SELECT id, txn_date, amount, type, currency, description, merchant, category, payment_method, reference,
                   raw_data::text, import_id, upload_id, created_at, account, transfer_pair_id, category_source,
                   (SELECT p.id FROM transactions p
                    WHERE p.user_id = t.user_id AND p.transfer_pair_id = t.transfer_pair_id AND p.id <> t.id LIMIT 1) AS counterpart_id
            FROM transactions t WHERE user_id = @user
            """);
        cmd.Parameters.Add(new NpgsqlParameter("user", NpgsqlDbType.Text) { Value = userId });

        void Where(string clause, string name, NpgsqlDbType type, object value)
        {
            sql.Append(" AND ").Append(clause);
            cmd.Parameters.Add(new NpgsqlParameter(name, type) { Value = value });
        }

        if (filter.From is { } from) Where("txn_date >= @from", "from", NpgsqlDbType.Date, from);
        if (filter.To is { } to) Where("txn_date <= @to", "to", NpgsqlDbType.Date, to);
        if (filter.MinAmount is { } min) Where("amount >= @min", "min", NpgsqlDbType.Numeric, min);
        if (filter.MaxAmount is { } max) Where("amount <= @max", "max", NpgsqlDbType.Numeric, max);
        if (filter.Category is { } category) Where("category = @category", "category", NpgsqlDbType.Text, category);
        if (filter.Merchant is { } merchant) Where("merchant ILIKE @merchant", "merchant", NpgsqlDbType.Text, Contains(merchant));
        if (filter.Type is { } type) Where("type = @type", "type", NpgsqlDbType.Text, type.ToWire());
        if (filter.Query is { } q) Where("(description ILIKE @q OR merchant ILIKE @q)", "q", NpgsqlDbType.Text, Contains(q));
        if (filter.After is { } after)
        {
            Where("(txn_date, id) < (@after_date, @after_id)", "after_date", NpgsqlDbType.Date, after.Date);
            cmd.Parameters.Add(new NpgsqlParameter("after_id", NpgsqlDbType.Bigint) { Value = after.Id });
        }
        sql.Append(" ORDER BY txn_date DESC, id DESC LIMIT @limit");
        cmd.Parameters.Add(new NpgsqlParameter("limit", NpgsqlDbType.Integer) { Value = filter.Limit + 1 });
        cmd.CommandText = sql.ToString();

        var rows = new List<StoredTransaction>(filter.Limit + 1);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new StoredTransaction(
                reader.GetInt64(0), reader.GetFieldValue<DateOnly>(1), reader.GetDecimal(2), reader.GetString(3),
                reader.GetString(4), reader.GetString(5), NullableString(reader, 6), NullableString(reader, 7),
                NullableString(reader, 8), NullableString(reader, 9), NullableString(reader, 10), reader.GetGuid(11),
                reader.IsDBNull(12) ? null : reader.GetGuid(12), reader.GetFieldValue<DateTime>(13))
            {
                Account = NullableString(reader, 14),
                Transfer = reader.IsDBNull(15) || reader.IsDBNull(17) ? null : (reader.GetGuid(15), reader.GetInt64(17)),
                CategorySource = NullableString(reader, 16),
            });
        }
        return rows;
    }

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>ILIKE pattern for "contains", with the user's % _ \ taken literally.</summary>
    private static string Contains(string text) =>
        "%" + text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal) + "%";
}
