using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using Npgsql;
using Scale.Domain.Ingestion;
using Scale.Domain.Transactions;
using Scale.Functions.Infrastructure.Storage;
using Scale.Functions.Infrastructure.Transactions;
using Scale.Functions.Infrastructure.Uploads;
using Scale.Functions.Tests.Support;
using Scale.Functions.Triggers;

namespace Scale.Functions.Tests.Ingestion;

/// <summary>
/// The processor against the real database with a failing dependency: transient errors are retried by the next
/// delivery and end 'failed' + poison after MaxAttempts; a blob name without a user is poisoned untouched.
/// </summary>
[Collection(ScaleAppCollection.Name)]
public sealed class BlobProcessorRetryTests(ScaleAppFixture fixture)
{
    private sealed class BrokenEnricher : ITransactionEnricher
    {
        public ValueTask<IDraftEnricher> PrepareAsync(string userId, CancellationToken cancellationToken) =>
            throw new TimeoutException("The rule store did not answer.");
    }

    /// <summary>Holds the import in the enricher until released, so a test can let a lease lapse mid-import.</summary>
    /// <summary>The app's real enricher, held at a gate so a test can interleave two workers.</summary>
    private sealed class GatedEnricher(ITransactionEnricher inner) : ITransactionEnricher
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async ValueTask<IDraftEnricher> PrepareAsync(string userId, CancellationToken cancellationToken)
        {
            Entered.TrySetResult();
            await Release.Task;
            return await inner.PrepareAsync(userId, cancellationToken);
        }
    }

    [Fact]
    public async Task A_worker_whose_lease_lapsed_rolls_back_and_leaves_the_upload_to_the_worker_that_took_over()
    {
        var user = new IngestionClient(fixture.App, ScaleApp.NewUserId());
        var enricher = fixture.App.Services.GetRequiredService<ITransactionEnricher>();
        var gate = new GatedEnricher(enricher);
        var (slow, slowStorage) = Build(gate, leaseSeconds: 0);
        var (fast, _) = Build(enricher, leaseSeconds: 0);
        var blobName = $"{user.UserId}/dropped/lapsed.csv";

        var first = slow.ProcessAsync(blobName, new MemoryStream(IngestionClient.SampleStatement()), CancellationToken.None);
        await gate.Entered.Task;
        await fast.ProcessAsync(blobName, new MemoryStream(IngestionClient.SampleStatement()), CancellationToken.None);
        gate.Release.SetResult();
        await Assert.ThrowsAsync<UploadBusyException>(() => first);

        var upload = await user.WaitForLatestUploadAsync();
        Assert.Equal("completed", upload.GetProperty("status").GetString());
        Assert.Equal(5, upload.GetProperty("inserted").GetInt32());
        Assert.Equal(5, await user.CountAsync());
        Assert.Equal(1, await user.CountAsync("imports"));
        slowStorage.Verify(s => s.MoveToPoisonAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    private (StatementBlobProcessor Processor, Mock<IStatementStorage> Storage) Build(ITransactionEnricher enricher, int leaseSeconds = 300)
    {
        var db = fixture.App.Services.GetRequiredService<NpgsqlDataSource>();
        var storage = new Mock<IStatementStorage>();
        var importer = new TransactionImporter(db, enricher, new UserTransactionsChanged([], NullLogger<UserTransactionsChanged>.Instance), NullLogger<TransactionImporter>.Instance);
        var processor = new StatementBlobProcessor(new UploadStore(db), importer, storage.Object,
            Options.Create(new IngestionOptions { MaxAttempts = 3, LeaseSeconds = leaseSeconds }), NullLogger<StatementBlobProcessor>.Instance);
        return (processor, storage);
    }

    [Fact]
    public async Task A_blob_that_keeps_failing_transiently_fails_after_three_attempts_and_is_poisoned()
    {
        var user = new IngestionClient(fixture.App, ScaleApp.NewUserId());
        var (processor, storage) = Build(new BrokenEnricher());
        var blobName = $"{user.UserId}/dropped/march.csv";

        for (var attempt = 1; attempt <= 2; attempt++)
        {
            await Assert.ThrowsAsync<TimeoutException>(() =>
                processor.ProcessAsync(blobName, new MemoryStream(IngestionClient.SampleStatement()), CancellationToken.None));
            var pending = (await user.GetJsonAsync("/api/v1/ingestion/uploads")).GetProperty("items")[0];
            Assert.Equal("pending", pending.GetProperty("status").GetString());
            Assert.Contains($"Attempt {attempt} failed", pending.GetProperty("error").GetString());
        }
        await processor.ProcessAsync(blobName, new MemoryStream(IngestionClient.SampleStatement()), CancellationToken.None);

        var upload = (await user.GetJsonAsync("/api/v1/ingestion/uploads")).GetProperty("items")[0];
        Assert.Equal("failed", upload.GetProperty("status").GetString());
        Assert.Contains("3 times", upload.GetProperty("error").GetString());
        storage.Verify(s => s.MoveToPoisonAsync(blobName, It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Once);
        Assert.Equal(0, await user.CountAsync());

        // Delivered again after it failed (a duplicate trigger): nothing is retried, the blob is just moved aside.
        await processor.ProcessAsync(blobName, new MemoryStream(IngestionClient.SampleStatement()), CancellationToken.None);
        Assert.Equal(0, await user.CountAsync());
    }

    [Fact]
    public async Task A_blob_without_a_user_segment_is_poisoned_and_creates_no_upload()
    {
        var (processor, storage) = Build(fixture.App.Services.GetRequiredService<ITransactionEnricher>());
        await processor.ProcessAsync("orphan.csv", new MemoryStream(IngestionClient.SampleStatement()), CancellationToken.None);
        storage.Verify(s => s.MoveToPoisonAsync("orphan.csv", It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Once);
        await using var cmd = fixture.App.Database.CreateCommand("SELECT count(*) FROM uploaded_files WHERE blob_name = 'orphan.csv'");
        Assert.Equal(0L, await cmd.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_completed_blob_delivered_twice_is_imported_once()
    {
        var user = new IngestionClient(fixture.App, ScaleApp.NewUserId());
        var (processor, storage) = Build(fixture.App.Services.GetRequiredService<ITransactionEnricher>());
        var blobName = $"{user.UserId}/dropped/twice.csv";
        // Two deliveries at once: one imports; the other either sees it finished or is told to retry later.
        var deliveries = new[]
        {
            processor.ProcessAsync(blobName, new MemoryStream(IngestionClient.SampleStatement()), CancellationToken.None),
            processor.ProcessAsync(blobName, new MemoryStream(IngestionClient.SampleStatement()), CancellationToken.None),
        };
        try { await Task.WhenAll(deliveries); }
        catch (UploadBusyException) { Assert.Equal(1, deliveries.Count(d => d.IsFaulted)); }
        await processor.ProcessAsync(blobName, new MemoryStream(IngestionClient.SampleStatement()), CancellationToken.None);

        Assert.Equal(5, await user.CountAsync());
        Assert.Equal(1, await user.CountAsync("imports"));
        storage.Verify(s => s.DeleteAsync(blobName, It.IsAny<CancellationToken>()), Times.AtLeastOnce);
    }
}
