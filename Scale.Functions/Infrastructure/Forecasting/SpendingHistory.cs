using Npgsql;
using Scale.Domain.Forecasting;

namespace Scale.Functions.Infrastructure.Forecasting;

/// <summary>
/// A user's spending as the forecaster sees it: their debits in one currency (a forecast never adds rupees to
/// dollars) that are not one side of an own-account transfer (moving money between one's accounts is not
/// spending), with the category the importer or the user's feedback gave them ("Uncategorized" when none).
/// </summary>
public sealed class SpendingHistory(NpgsqlDataSource dataSource)
{
    public const string Uncategorized = "Uncategorized";

    public async Task<IReadOnlyList<SpendingRow>> ReadAsync(string userId, string currency, CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT txn_date, amount, COALESCE(NULLIF(btrim(category), ''), @uncategorized)
            FROM transactions
            WHERE user_id = @user AND type = 'debit' AND currency = @currency AND transfer_pair_id IS NULL
            """);
        cmd.Parameters.AddWithValue("user", userId);
        cmd.Parameters.AddWithValue("currency", currency);
        cmd.Parameters.AddWithValue("uncategorized", Uncategorized);
        var rows = new List<SpendingRow>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(new SpendingRow(reader.GetFieldValue<DateOnly>(0), reader.GetDecimal(1), reader.GetString(2)));
        return rows;
    }
}
