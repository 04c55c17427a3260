using Moq;
using Scale.Functions.Infrastructure.Storage;
using Scale.Functions.Tests.Support;
using Scale.Functions.Triggers;

namespace Scale.Functions.Tests.Ingestion;

/// <summary>
/// Issue 15 item 3: other tools drop statements under fixed names ({user}/exports/statement.csv). A dropped blob's
/// upload is its name and its content: new bytes under an old name are imported, the same bytes again are not.
/// </summary>
[Collection(ScaleAppCollection.Name)]
public sealed class ReusedBlobNameTests(ScaleAppFixture fixture)
{
    private static readonly byte[] March = IngestionClient.HdfcCsv(
        ("01/03/24", "UPI-SWIGGY-SWIGGY@ICICI-412345678901", "0000412345678901", 349.00m, null),
        ("05/03/24", "ATW-512345XXXXXX1234-S1ANMU12-MUMBAI", "0000000000004321", 2000.00m, null));

    private static readonly byte[] April = IngestionClient.HdfcCsv(
        ("02/04/24", "NEFT CR-ACME SOFTWARE PVT LTD-SALARY APR", "N093240012345678", null, 85000.00m),
        ("09/04/24", "UPI-BIGBASKET-BIGBASKET@HDFC-419876543210", "0000419876543210", 1240.50m, null));

    private StatementBlobProcessor Build(Mock<IStatementStorage> storage) =>
        ProcessorTestSupport.Processor(fixture.App, storage.Object, new IngestionOptions { MaxAttempts = 3 });

    [Fact]
    public async Task A_new_file_dropped_under_a_used_name_is_imported_not_deleted_unread()
    {
        var user = new IngestionClient(fixture.App, ScaleApp.NewUserId());
        var storage = new Mock<IStatementStorage>();
        var processor = Build(storage);
        var blobName = $"{user.UserId}/exports/statement.csv";

        await processor.ProcessAsync(blobName, new MemoryStream(March), CancellationToken.None);
        Assert.Equal(2, await user.CountAsync());
        await processor.ProcessAsync(blobName, new MemoryStream(April), CancellationToken.None);

        Assert.Equal(4, await user.CountAsync());
        var uploads = (await user.GetJsonAsync("/api/v1/ingestion/uploads")).GetProperty("items");
        Assert.Equal(2, uploads.GetArrayLength());
        Assert.All(uploads.EnumerateArray(), u => Assert.Equal("completed", u.GetProperty("status").GetString()));
        Assert.Equal(2, uploads[0].GetProperty("inserted").GetInt32());
    }

    [Fact]
    public async Task The_same_file_delivered_again_under_its_name_is_one_upload()
    {
        var user = new IngestionClient(fixture.App, ScaleApp.NewUserId());
        var storage = new Mock<IStatementStorage>();
        var processor = Build(storage);
        var blobName = $"{user.UserId}/exports/statement.csv";

        var first = await processor.ProcessAsync(blobName, new MemoryStream(March), CancellationToken.None);
        var again = await processor.ProcessAsync(blobName, new MemoryStream(March), CancellationToken.None);

        Assert.Equal(first, again);
        Assert.Equal(1, await user.CountAsync("uploaded_files"));
        Assert.Equal(2, await user.CountAsync());
        storage.Verify(s => s.DeleteAsync(blobName, It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task An_unfinished_upload_from_before_content_hashes_adopts_the_content_it_is_delivered_with()
    {
        var user = new IngestionClient(fixture.App, ScaleApp.NewUserId());
        var blobName = $"{user.UserId}/exports/statement.csv";
        var legacy = Guid.CreateVersion7();
        await using (var cmd = fixture.App.Database.CreateCommand(
            "INSERT INTO uploaded_files (upload_id, user_id, file_name, blob_name, origin) VALUES ($1, $2, 'statement.csv', $3, 'blob')"))
        {
            cmd.Parameters.AddWithValue(legacy);
            cmd.Parameters.AddWithValue(user.UserId);
            cmd.Parameters.AddWithValue(blobName);
            await cmd.ExecuteNonQueryAsync();
        }

        var processed = await Build(new Mock<IStatementStorage>()).ProcessAsync(blobName, new MemoryStream(March), CancellationToken.None);

        Assert.Equal(legacy, processed);
        Assert.Equal(1, await user.CountAsync("uploaded_files"));
        Assert.Equal(2, await user.CountAsync());
    }
}
