using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using Npgsql;
using Scale.Domain.Ingestion;
using Scale.Functions.Infrastructure.Storage;
using Scale.Functions.Infrastructure.Transactions;
using Scale.Functions.Infrastructure.Uploads;
using Scale.Functions.Tests.Support;
using Scale.Functions.Triggers;
using Xunit.Abstractions;

namespace Scale.Functions.Tests.Ingestion;

/// <summary>
/// Issue 11 item 6: the processing lease is renewed while an import runs, so an import that lasts several lease
/// periods keeps its claim: redeliveries and the stalled-upload sweep that keep trying meanwhile never take it
/// over, and the rows are stored once, by one attempt. Before the heartbeat, the first redelivery (or sweep) after the
/// lease lapsed took the upload over and the long import was thrown away (three takeovers failed it with "Last error: unknown").
/// </summary>
[Collection(ScaleAppCollection.Name)]
public sealed class LongImportLeaseTests(ScaleAppFixture fixture, ITestOutputHelper output)
{
    private const int LeaseSeconds = 2;

    /// <summary>The app's enricher after a pause: an import as slow as a large statement on a busy database.</summary>
    private sealed class SlowEnricher(ITransactionEnricher inner, TimeSpan pause) : ITransactionEnricher
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Set when the pause was cut short by the import's token.</summary>
        public bool Cancelled { get; private set; }

        public async ValueTask<IDraftEnricher> PrepareAsync(string userId, CancellationToken cancellationToken)
        {
            Entered.TrySetResult();
            try { await Task.Delay(pause, cancellationToken); }
            catch (OperationCanceledException) { Cancelled = true; throw; }
            return await inner.PrepareAsync(userId, cancellationToken);
        }
    }

    private readonly ConcurrentDictionary<string, byte[]> _blobs = new();
    private NpgsqlDataSource Db => fixture.App.Services.GetRequiredService<NpgsqlDataSource>();

    [Fact]
    public async Task An_import_lasting_several_leases_completes_once_without_being_taken_over()
    {
        var user = new IngestionClient(fixture.App, ScaleApp.NewUserId());
        var blobName = $"{user.UserId}/dropped/long.csv";
        _blobs[blobName] = IngestionClient.SampleStatement();
        var slow = new SlowEnricher(fixture.App.Services.GetRequiredService<ITransactionEnricher>(), TimeSpan.FromSeconds(LeaseSeconds * 3.5));
        var storage = Storage();
        var worker = Processor(slow, storage);
        var rival = Processor(fixture.App.Services.GetRequiredService<ITransactionEnricher>(), storage);

        var first = worker.ProcessAsync(blobName, new MemoryStream(_blobs[blobName]), CancellationToken.None);
        await slow.Entered.Task;
        // Meanwhile redeliveries of the same blob keep trying (the stalled-upload sweep claims through the same call).
        var refused = 0;
        while (!first.IsCompleted)
        {
            try { await rival.ProcessAsync(blobName, new MemoryStream(_blobs[blobName]), CancellationToken.None); }
            catch (UploadBusyException) { refused++; }
            await Task.WhenAny(first, Task.Delay(250));
        }
        output.WriteLine($"import held {LeaseSeconds * 3.5} s under a {LeaseSeconds} s lease: {refused} redeliveries refused");

        Assert.Equal(UploadIdOf(blobName), await first);
        var (status, attempts, error) = await UploadRow(blobName);
        Assert.Equal(("completed", 1, null), (status, attempts, error));
        Assert.True(refused > 0, "the rival never tried while the import ran");
        Assert.Equal(5, await user.CountAsync());
        Assert.Equal(1, await user.CountAsync("imports"));
    }

    [Fact]
    public async Task A_worker_whose_claim_was_taken_stops_its_import_at_the_next_renewal()
    {
        var user = new IngestionClient(fixture.App, ScaleApp.NewUserId());
        var blobName = $"{user.UserId}/dropped/stolen.csv";
        _blobs[blobName] = IngestionClient.SampleStatement();
        var slow = new SlowEnricher(fixture.App.Services.GetRequiredService<ITransactionEnricher>(), TimeSpan.FromMinutes(2));
        var worker = Processor(slow, Storage());

        var first = worker.ProcessAsync(blobName, new MemoryStream(_blobs[blobName]), CancellationToken.None);
        await slow.Entered.Task;
        // What a takeover looks like to this worker (it was cut off past its lease and another claimed the upload).
        await using (var cmd = Db.CreateCommand("UPDATE uploaded_files SET claimed_by = 'other-worker', lease_until = now() + interval '5 minutes' WHERE blob_name = $1"))
        {
            cmd.Parameters.AddWithValue(blobName);
            await cmd.ExecuteNonQueryAsync();
        }

        await Assert.ThrowsAsync<UploadBusyException>(() => first);
        Assert.True(slow.Cancelled, "the import ran on after its claim was lost");
        var (status, _, _) = await UploadRow(blobName);
        Assert.Equal("processing", status); // the other worker's claim, untouched
        Assert.Equal(0, await user.CountAsync());
    }

    [Fact]
    public async Task An_upload_given_up_after_workers_vanished_says_so_instead_of_unknown()
    {
        var user = new IngestionClient(fixture.App, ScaleApp.NewUserId());
        var blobName = $"{user.UserId}/dropped/vanished.csv";
        _blobs[blobName] = IngestionClient.SampleStatement();
        var processor = Processor(fixture.App.Services.GetRequiredService<ITransactionEnricher>(), Storage());
        // Claimed once, so the row exists; then its third worker "dies": processing, lease lapsed, no error recorded.
        await processor.ProcessAsync(blobName, new MemoryStream(_blobs[blobName]), CancellationToken.None);
        await using (var cmd = Db.CreateCommand("""
            UPDATE uploaded_files SET status = 'processing', attempts = 3, error = NULL, claimed_by = 'dead-worker',
                lease_until = now() - interval '1 second', completed_at = NULL
            WHERE blob_name = $1
            """))
        {
            cmd.Parameters.AddWithValue(blobName);
            await cmd.ExecuteNonQueryAsync();
        }

        await processor.ProcessAsync(blobName, new MemoryStream(_blobs[blobName]), CancellationToken.None);

        var (status, _, error) = await UploadRow(blobName);
        Assert.Equal("failed", status);
        Assert.DoesNotContain("unknown", error);
        Assert.Contains("attempt 3 did not finish", error);
    }

    private static IngestionOptions Settings() => new() { MaxAttempts = 3, LeaseSeconds = LeaseSeconds, StalledPendingSeconds = 300 };

    private StatementBlobProcessor Processor(ITransactionEnricher enricher, IStatementStorage storage)
    {
        var importer = new TransactionImporter(Db, enricher, new UserTransactionsChanged([], NullLogger<UserTransactionsChanged>.Instance), NullLogger<TransactionImporter>.Instance);
        return new StatementBlobProcessor(new UploadStore(Db), importer, storage, Options.Create(Settings()), NullLogger<StatementBlobProcessor>.Instance);
    }

    /// <summary>Blobs in memory, so the shared app's watcher never sees them.</summary>
    private IStatementStorage Storage()
    {
        var storage = new Mock<IStatementStorage>();
        storage.Setup(s => s.ExistsAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync((string name, CancellationToken _) => _blobs.ContainsKey(name));
        storage.Setup(s => s.OpenReadAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync((string name, CancellationToken _) => (Stream)new MemoryStream(_blobs[name]));
        return storage.Object;
    }

    private Guid UploadIdOf(string blobName)
    {
        using var cmd = Db.CreateCommand("SELECT upload_id FROM uploaded_files WHERE blob_name = $1");
        cmd.Parameters.AddWithValue(blobName);
        return (Guid)cmd.ExecuteScalar()!;
    }

    private async Task<(string Status, int Attempts, string? Error)> UploadRow(string blobName)
    {
        await using var cmd = Db.CreateCommand("SELECT status, attempts, error FROM uploaded_files WHERE blob_name = $1");
        cmd.Parameters.AddWithValue(blobName);
        await using var reader = await cmd.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetString(0), reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetString(2));
    }
}
