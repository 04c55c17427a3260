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

namespace Scale.Functions.Tests.Ingestion;

/// <summary>
/// Uploads no trigger will come back for (lost blob event, worker died under a live lease) are finished by the
/// sweep through the same processor; missing blobs fail readably; uploads still in flight are left alone.
/// Real database; blobs in memory so the shared app's watcher never sees them.
/// </summary>
[Collection(ScaleAppCollection.Name)]
public sealed class StalledUploadSweeperTests(ScaleAppFixture fixture)
{
    private readonly ConcurrentDictionary<string, byte[]> _blobs = new();
    private NpgsqlDataSource Db => fixture.App.Services.GetRequiredService<NpgsqlDataSource>();

    private StalledUploadSweeper Sweeper()
    {
        var storage = new Mock<IStatementStorage>();
        storage.Setup(s => s.ExistsAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync((string name, CancellationToken _) => _blobs.ContainsKey(name));
        storage.Setup(s => s.OpenReadAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync((string name, CancellationToken _) => (Stream)new MemoryStream(_blobs[name]));
        storage.Setup(s => s.DeleteAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).Returns((string name, CancellationToken ct) => { _blobs.TryRemove(name, out byte[]? removed); return Task.CompletedTask; });
        var options = Options.Create(new IngestionOptions { StalledPendingSeconds = 300 });
        var uploads = new UploadStore(Db);
        var importer = new TransactionImporter(Db, fixture.App.Services.GetRequiredService<ITransactionEnricher>(), fixture.App.Services.GetRequiredService<UserTransactionsChanged>(), NullLogger<TransactionImporter>.Instance);
        var processor = new StatementBlobProcessor(uploads, importer, storage.Object, options, NullLogger<StatementBlobProcessor>.Instance);
        return new StalledUploadSweeper(uploads, storage.Object, processor, options, NullLogger<StalledUploadSweeper>.Instance);
    }

    private async Task<(Guid UploadId, IngestionClient User)> Upload(string state, bool withBlob = true)
    {
        var user = new IngestionClient(fixture.App, ScaleApp.NewUserId());
        var uploadId = Guid.CreateVersion7();
        var blobName = $"{user.UserId}/{uploadId}/march.csv";
        await new UploadStore(Db).CreateAsync(uploadId, user.UserId, "march.csv", blobName, CancellationToken.None);
        if (withBlob) _blobs[blobName] = IngestionClient.SampleStatement();
        var sql = state switch
        {
            "old pending" => "UPDATE uploaded_files SET created_at = now() - interval '10 minutes' WHERE upload_id = $1",
            "new pending" => "SELECT $1",
            "lapsed processing" => "UPDATE uploaded_files SET status = 'processing', attempts = 1, claimed_by = 'dead-worker', lease_until = now() - interval '1 minute', created_at = now() - interval '10 minutes' WHERE upload_id = $1",
            "live processing" => "UPDATE uploaded_files SET status = 'processing', attempts = 1, claimed_by = 'busy-worker', lease_until = now() + interval '5 minutes', created_at = now() - interval '10 minutes' WHERE upload_id = $1",
            _ => throw new ArgumentOutOfRangeException(nameof(state)),
        };
        await using var cmd = Db.CreateCommand(sql);
        cmd.Parameters.AddWithValue(uploadId);
        await cmd.ExecuteNonQueryAsync();
        return (uploadId, user);
    }

    private async Task<(string Status, string? Error)> StatusOf(Guid uploadId)
    {
        await using var cmd = Db.CreateCommand("SELECT status, error FROM uploaded_files WHERE upload_id = $1");
        cmd.Parameters.AddWithValue(uploadId);
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1));
    }

    [Fact]
    public async Task A_pending_upload_whose_trigger_never_fired_is_imported()
    {
        var (uploadId, user) = await Upload("old pending");

        await Sweeper().SweepAsync(CancellationToken.None);

        Assert.Equal("completed", (await StatusOf(uploadId)).Status);
        Assert.Equal(5, await user.CountAsync());
    }

    [Fact]
    public async Task A_processing_upload_whose_worker_died_is_taken_over_and_imported()
    {
        var (uploadId, user) = await Upload("lapsed processing");

        await Sweeper().SweepAsync(CancellationToken.None);

        Assert.Equal("completed", (await StatusOf(uploadId)).Status);
        Assert.Equal(5, await user.CountAsync());
    }

    [Fact]
    public async Task A_stalled_upload_without_its_blob_fails_with_a_readable_error()
    {
        var (uploadId, user) = await Upload("old pending", withBlob: false);

        await Sweeper().SweepAsync(CancellationToken.None);

        var (status, error) = await StatusOf(uploadId);
        Assert.Equal("failed", status);
        Assert.Contains("no longer in storage", error);
        Assert.Equal(0, await user.CountAsync());
    }

    [Theory]
    [InlineData("new pending")]
    [InlineData("live processing")]
    public async Task Uploads_still_in_flight_are_left_alone(string state)
    {
        var (uploadId, user) = await Upload(state);
        var before = await StatusOf(uploadId);

        await Sweeper().SweepAsync(CancellationToken.None);

        Assert.Equal(before, await StatusOf(uploadId));
        Assert.Equal(0, await user.CountAsync());
    }

    /// <summary>Issue 15 item 3: the stalled upload's name now holds a newer file; that file is its own upload.</summary>
    [Fact]
    public async Task A_stalled_dropped_upload_whose_blob_was_replaced_fails_and_the_new_file_is_imported()
    {
        var user = new IngestionClient(fixture.App, ScaleApp.NewUserId());
        var blobName = $"{user.UserId}/exports/statement.csv";
        var march = IngestionClient.SampleStatement();
        var uploadId = Guid.CreateVersion7();
        await using (var cmd = Db.CreateCommand("""
            INSERT INTO uploaded_files (upload_id, user_id, file_name, blob_name, origin, content_sha256, created_at)
            VALUES ($1, $2, 'statement.csv', $3, 'blob', $4, now() - interval '10 minutes')
            """))
        {
            cmd.Parameters.AddWithValue(uploadId);
            cmd.Parameters.AddWithValue(user.UserId);
            cmd.Parameters.AddWithValue(blobName);
            cmd.Parameters.AddWithValue(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(march)));
            await cmd.ExecuteNonQueryAsync();
        }
        _blobs[blobName] = IngestionClient.HdfcCsv(("02/04/24", "NEFT CR-ACME SOFTWARE PVT LTD-SALARY APR", "N093240012345678", null, 85000.00m));

        await Sweeper().SweepAsync(CancellationToken.None);

        var (status, error) = await StatusOf(uploadId);
        Assert.Equal("failed", status);
        Assert.Contains("replaced", error);
        Assert.Equal(1, await user.CountAsync());
        Assert.Equal(2, await user.CountAsync("uploaded_files"));
    }
}
