using System.Runtime.CompilerServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using Scale.Functions.Infrastructure.Storage;
using Scale.Functions.Local.Blob;
using Scale.Functions.Tests.Support;
using Scale.Functions.Triggers;

namespace Scale.Functions.Tests.Ingestion;

/// <summary>
/// Issue 15 item 9 (local host): with KeepCompletedStatements=true a processed blob stays in the container; the
/// watcher remembers it and does not open and re-deliver it on every poll. A rewritten blob is delivered again.
/// </summary>
[Collection(ScaleAppCollection.Name)]
public sealed class KeptStatementWatcherTests(ScaleAppFixture fixture)
{
    private sealed class Container(string blobName)
    {
        public int Listings;
        public DateTimeOffset LastModified = DateTimeOffset.UtcNow;
        public byte[] Content = IngestionClient.SampleStatement();
        public TaskCompletionSource Listed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int ListingsWanted = int.MaxValue;

        public async IAsyncEnumerable<StoredBlob> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            yield return new StoredBlob(blobName, LastModified);
            if (Interlocked.Increment(ref Listings) >= ListingsWanted) Listed.TrySetResult();
        }

        public void WaitForListings(int more)
        {
            Listed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            ListingsWanted = Volatile.Read(ref Listings) + more;
        }
    }

    [Fact]
    public async Task A_kept_completed_blob_is_delivered_once_until_it_is_rewritten()
    {
        var user = new IngestionClient(fixture.App, ScaleApp.NewUserId());
        var blobName = $"{user.UserId}/exports/statement.csv";
        var container = new Container(blobName);
        var storage = new Mock<IStatementStorage>();
        storage.Setup(s => s.ListAsync(It.IsAny<CancellationToken>())).Returns((CancellationToken ct) => container.ListAsync(ct));
        storage.Setup(s => s.OpenReadAsync(blobName, It.IsAny<CancellationToken>())).ReturnsAsync(() => new MemoryStream(container.Content));
        var settings = new IngestionOptions { KeepCompletedStatements = true, WatcherPollMilliseconds = 50 };
        var processor = ProcessorTestSupport.Processor(fixture.App, storage.Object, settings);
        using var watcher = new StatementBlobWatcher(storage.Object, processor, Options.Create(settings), Options.Create(new HostOptions()),
            Mock.Of<IHostApplicationLifetime>(), NullLogger<StatementBlobWatcher>.Instance);

        container.WaitForListings(10);
        await watcher.StartAsync(CancellationToken.None);
        await container.Listed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        storage.Verify(s => s.OpenReadAsync(blobName, It.IsAny<CancellationToken>()), Times.Once);
        Assert.Equal(5, await user.CountAsync());

        // The same name written again (new bytes, new last-modified time): delivered and imported.
        container.Content = IngestionClient.HdfcCsv(("02/04/24", "NEFT CR-ACME SOFTWARE PVT LTD-SALARY APR", "N093240012345678", null, 85000.00m));
        container.LastModified = container.LastModified.AddMinutes(1);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (await user.CountAsync() < 6 && DateTime.UtcNow < deadline) await tick.WaitForNextTickAsync();
        container.WaitForListings(10);
        await container.Listed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await watcher.StopAsync(CancellationToken.None);

        storage.Verify(s => s.OpenReadAsync(blobName, It.IsAny<CancellationToken>()), Times.Exactly(2));
        Assert.Equal(6, await user.CountAsync());
        storage.Verify(s => s.DeleteAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }
}
