using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Scale.Domain.Ingestion;
using Scale.Domain.Transactions;
using Scale.Functions.Infrastructure.Transactions;
using Scale.Functions.Tests.Support;

namespace Scale.Functions.Tests.Ingestion;

/// <summary>
/// Imports are written in chunks (<see cref="TransactionImporter.ChunkSize"/>), so two imports of one user with the
/// same rows could each wait on rows the other has not committed and deadlock. One user's imports are serialized
/// instead (an advisory lock when the import's transaction opens): the second waits, then finds every shared row
/// stored. Another user's import does not wait.
/// </summary>
[Collection(ScaleAppCollection.Name)]
public sealed class ConcurrentImportTests(ScaleAppFixture fixture)
{
    private const int Rows = TransactionImporter.ChunkSize * 2 + 10;

    private NpgsqlDataSource Db => fixture.App.Services.GetRequiredService<NpgsqlDataSource>();

    private TransactionImporter Importer(ITransactionEnricher enricher) =>
        new(Db, enricher, new UserTransactionsChanged([], NullLogger<UserTransactionsChanged>.Instance), NullLogger<TransactionImporter>.Instance);

    private static List<ImportCandidate> Candidates(string tag) =>
        Enumerable.Range(0, Rows).Select(i => new ImportCandidate(i, new TransactionDraft
        {
            Date = new DateOnly(2025, 1, 1).AddDays(i % 300),
            Amount = 100m + i,
            Type = TransactionType.Debit,
            Description = $"UPI/{tag}/{i}/SHOP {i % 40}",
            Category = "Shopping",
        })).ToList();

    [Fact]
    public async Task A_second_import_of_the_same_user_waits_for_the_first_and_then_finds_its_rows_stored()
    {
        var user = ScaleApp.NewUserId();
        var gated = new GatedEnricher(fixture.App.Services.GetRequiredService<ITransactionEnricher>());
        var first = Task.Run(() => Importer(gated).ImportAsync(new ImportContext(user, "test"), Candidates("same"), CancellationToken.None));
        await gated.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var plain = fixture.App.Services.GetRequiredService<ITransactionEnricher>();
        var second = Task.Run(() => Importer(plain).ImportAsync(new ImportContext(user, "test"), Candidates("same"), CancellationToken.None));
        // Another user's import goes through while the first holds its user's lock.
        var other = await Importer(plain).ImportAsync(new ImportContext(ScaleApp.NewUserId(), "test"), Candidates("same"), CancellationToken.None);
        Assert.Equal(Rows, other.Inserted);
        await GatedEnricher.WaitForAdvisoryLockWaiterAsync(Db);
        Assert.False(second.IsCompleted);

        gated.Release.Set();
        var (a, b) = (await first, await second);
        Assert.Equal((Rows, 0), (a.Inserted, a.SkippedDuplicates));
        Assert.Equal((0, Rows), (b.Inserted, b.SkippedDuplicates));
        await using var count = Db.CreateCommand("SELECT count(*) FROM transactions WHERE user_id = $1");
        count.Parameters.AddWithValue(user);
        Assert.Equal((long)Rows, await count.ExecuteScalarAsync());
    }
}
