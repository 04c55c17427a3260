using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Scale.Domain.Ingestion;
using Scale.Domain.Transactions;
using Scale.Functions.Infrastructure.Database;
using Scale.Functions.Infrastructure.Transactions;
using Scale.Functions.Tests.Support;

namespace Scale.Functions.Tests.Ingestion;

/// <summary>
/// Issue 12 item 2 for rows stored before migration 0008: the backfill gives them the reference key an import
/// computes today, so a later export of the same transaction in another layout is recognized; a key another row of
/// the user holds stays with that row; rows stored after 0008 are never touched. A database of its own, so the job's
/// progress row is this test's.
/// </summary>
public sealed class ReferenceKeyBackfillTests : IAsyncLifetime
{
    private const string User = "user-legacy";
    private static readonly DateOnly Day = new(2024, 3, 14);

    private TestDatabase _database = null!;
    private NpgsqlDataSource Db => _database.DataSource;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await new MigrationRunner(Db, NullLogger<MigrationRunner>.Instance).ApplyAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private static TransactionDraft Debit(string narration, decimal amount) =>
        new() { Date = Day, Amount = amount, Type = TransactionType.Debit, Description = narration };

    [Fact]
    public async Task Rows_from_before_0008_get_the_key_an_import_computes_and_are_then_recognized_in_another_layout()
    {
        var withRrn = Debit("UPI/412345678901/ZOMATO/zomato@hdfcbank/Payment", 250m);
        var noReference = Debit("CASH DEPOSIT BY SELF", 5_000m);
        var storedTwiceFirst = Debit("UPI/412345678902/SWIGGY/swiggy@axisbank/Order", 480m);
        var storedTwiceSecond = Debit("UPI-SWIGGY-SWIGGY@AXISBANK-UTIB0000001-412345678902-ORDER", 480m);
        var cutoff = await ScalarAsync<DateTime>("SELECT cutoff FROM reference_key_backfill");
        var legacy = new List<long>();
        foreach (var draft in new[] { withRrn, noReference, storedTwiceFirst, storedTwiceSecond })
            legacy.Add(await InsertAsync(draft, cutoff.AddDays(-30)));
        // Stored after 0008 without a key on purpose (an identical second row of an import): not the backfill's.
        var afterwards = await InsertAsync(Debit("UPI/412345678903/ZEPTO/zepto@ybl/Groceries", 199m), cutoff.AddMinutes(5));
        // What migration 0014 records on a database holding these rows.
        await ExecuteAsync("UPDATE reference_key_backfill SET upper_id = (SELECT max(id) FROM transactions)");

        var job = new ReferenceKeyBackfillJob(Db, NullLogger<ReferenceKeyBackfillJob>.Instance);
        Assert.Equal(2, await job.RunAsync(CancellationToken.None));

        Assert.Equal(ReferenceIdentity.Key(withRrn), await KeyOfAsync(legacy[0]));
        Assert.NotNull(ReferenceIdentity.Key(withRrn));
        Assert.Null(await KeyOfAsync(legacy[1]));
        Assert.Equal(ReferenceIdentity.Key(storedTwiceFirst), await KeyOfAsync(legacy[2]));
        Assert.Null(await KeyOfAsync(legacy[3]));
        Assert.Null(await KeyOfAsync(afterwards));
        Assert.Equal(await ScalarAsync<long>("SELECT upper_id FROM reference_key_backfill"), await ScalarAsync<long>("SELECT last_id FROM reference_key_backfill"));

        // The same payment exported again in another layout (HDFC's, with another narration) is now a duplicate.
        Assert.Equal(0, await ImportAsync(Debit("UPI-ZOMATO LTD-ZOMATO@HDFCBANK-HDFC0000001-412345678901-PAYMENT", 250m)));
        Assert.Equal(0, await job.RunAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_database_created_after_0008_has_nothing_to_backfill()
    {
        await InsertAsync(Debit("UPI/512345678901/ZOMATO/zomato@hdfcbank/Payment", 250m), DateTime.UtcNow);
        Assert.Equal(0, await new ReferenceKeyBackfillJob(Db, NullLogger<ReferenceKeyBackfillJob>.Instance).RunAsync(CancellationToken.None));
        Assert.Equal(0L, await ScalarAsync<long>("SELECT upper_id FROM reference_key_backfill"));
    }

    private async Task<long> InsertAsync(TransactionDraft draft, DateTime createdAt)
    {
        await using var cmd = Db.CreateCommand("""
            INSERT INTO transactions (user_id, fingerprint, txn_date, amount, type, description, import_id, created_at)
            VALUES (@user, @fingerprint, @date, @amount, @type, @description, gen_random_uuid(), @created)
            RETURNING id
            """);
        cmd.Parameters.AddWithValue("user", User);
        cmd.Parameters.AddWithValue("fingerprint", TransactionFingerprint.Compute(draft));
        cmd.Parameters.AddWithValue("date", draft.Date);
        cmd.Parameters.AddWithValue("amount", draft.Amount);
        cmd.Parameters.AddWithValue("type", draft.Type.ToWire());
        cmd.Parameters.AddWithValue("description", draft.Description);
        cmd.Parameters.AddWithValue("created", createdAt.ToUniversalTime());
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>The importer's database side for one row, with the identities the pipeline computes.</summary>
    private async Task<int> ImportAsync(TransactionDraft draft)
    {
        await using var batch = await StagingBatch.BeginAsync(Db, User, CancellationToken.None);
        var rows = new ChunkRows([new BatchFingerprinter().Next(draft)], [new BatchReferenceKeys().Next(draft)], [0]);
        var inserted = (await batch.WriteChunkAsync(new ImportContext(User, "test"), Guid.NewGuid(), rows, [draft], 0, [], 0, CancellationToken.None)).Inserted;
        await batch.CommitAsync(CancellationToken.None);
        return inserted;
    }

    private async Task<string?> KeyOfAsync(long id)
    {
        await using var cmd = Db.CreateCommand("SELECT reference_key FROM transactions WHERE id = $1");
        cmd.Parameters.AddWithValue(id);
        return await cmd.ExecuteScalarAsync() as string;
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var cmd = Db.CreateCommand(sql);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var cmd = Db.CreateCommand(sql);
        await cmd.ExecuteNonQueryAsync();
    }
}
