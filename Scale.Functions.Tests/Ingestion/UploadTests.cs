using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Azure.Storage.Blobs;
using Scale.Functions.Infrastructure.Storage;
using Scale.Functions.Tests.Support;
using static Scale.Functions.Tests.Ingestion.IngestionClient;

namespace Scale.Functions.Tests.Ingestion;

/// <summary>/parse, /uploads and the blob processor behind the local watcher, end to end through Azurite.</summary>
[Collection(ScaleAppCollection.Name)]
public sealed class UploadTests(ScaleAppFixture fixture)
{
    private ScaleApp App => fixture.App;
    private IngestionClient NewUser() => new(App, ScaleApp.NewUserId());

    [Fact]
    public async Task Parse_returns_the_rows_and_stores_nothing()
    {
        var user = NewUser();
        using var response = await user.ParseAsync(Form(SampleStatement(), "march.csv"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("HDFC", body.GetProperty("bank").GetString());
        Assert.Equal("csv", body.GetProperty("format").GetString());
        var rows = body.GetProperty("rows");
        Assert.Equal(5, rows.GetArrayLength());
        Assert.Equal("2024-03-02", rows[1].GetProperty("date").GetString());
        Assert.Equal(85000m, rows[1].GetProperty("amount").GetDecimal());
        Assert.Equal("credit", rows[1].GetProperty("type").GetString());
        Assert.Equal(0, await user.CountAsync());
        Assert.Equal(0, await user.CountAsync("uploaded_files"));
    }

    [Fact]
    public async Task Parse_previews_at_most_5000_rows_and_says_so()
    {
        var user = NewUser();
        var file = HdfcCsv(Enumerable.Range(0, 5_001).Select(i => ("01/03/24", $"UPI-SHOP-{i}", $"{i}", (decimal?)(i + 1), (decimal?)null)).ToArray());
        using var response = await user.ParseAsync(Form(file, "big.csv"));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(5_000, body.GetProperty("rows").GetArrayLength());
        Assert.Contains(body.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("first 5000", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Upload_is_imported_by_the_blob_processor_and_the_blob_removed()
    {
        var user = NewUser();
        using var response = await user.UploadAsync(Form(SampleStatement(), "march.csv"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        var uploadId = accepted.GetProperty("upload_id").GetString()!;
        Assert.Equal("pending", accepted.GetProperty("status").GetString());
        Assert.EndsWith($"/api/v1/ingestion/uploads/{uploadId}", response.Headers.Location!.ToString());

        var upload = await user.WaitForUploadAsync(uploadId);
        Assert.Equal("completed", upload.GetProperty("status").GetString());
        Assert.Equal("HDFC", upload.GetProperty("bank").GetString());
        Assert.Equal(5, upload.GetProperty("inserted").GetInt32()); // both coffees kept
        Assert.Equal(0, upload.GetProperty("skipped_duplicates").GetInt32());
        Assert.Equal("march.csv", upload.GetProperty("file_name").GetString());
        Assert.Equal(5, await user.CountAsync());

        var transactions = await user.GetJsonAsync("/api/v1/transactions");
        Assert.All(transactions.GetProperty("items").EnumerateArray(), t => Assert.Equal(uploadId, t.GetProperty("upload_id").GetString()));
        // The status is committed first, then the blob is deleted: wait for the delete.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (await BlobExistsAsync(App.Container, $"{user.UserId}/{uploadId}/march.csv") && await tick.WaitForNextTickAsync(deadline.Token)) { }
        Assert.False(await BlobExistsAsync(App.Container, $"{user.UserId}/{uploadId}/march.csv"));
    }

    [Fact]
    public async Task Rows_previewed_by_parse_imported_as_json_have_the_same_identity_as_the_uploaded_file()
    {
        var user = NewUser();
        using var parsed = await user.ParseAsync(Form(SampleStatement(), "march.csv"));
        var rows = (await parsed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rows");
        using var import = await App.Client.SendAsync(App.Request(HttpMethod.Post, "/api/v1/ingestion/import", user.UserId,
            new StringContent($$"""{"transactions": {{rows.GetRawText()}}}""", Encoding.UTF8, "application/json")));
        Assert.Equal(5, (await import.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("inserted").GetInt32());

        using var response = await user.UploadAsync(Form(SampleStatement(), "march-again.csv"));
        var uploadId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("upload_id").GetString()!;
        var upload = await user.WaitForUploadAsync(uploadId);
        Assert.Equal("completed", upload.GetProperty("status").GetString());
        Assert.Equal(0, upload.GetProperty("inserted").GetInt32());
        Assert.Equal(5, upload.GetProperty("skipped_duplicates").GetInt32());
        Assert.Equal(5, await user.CountAsync());
    }

    [Fact]
    public async Task A_blob_dropped_without_an_upload_row_is_imported_for_the_user_in_its_path()
    {
        var user = NewUser();
        var storage = App.Services.GetRequiredService<IStatementStorage>();
        await storage.UploadAsync($"{user.UserId}/from-storage-explorer/hdfc-march.csv", new MemoryStream(SampleStatement()), "text/csv", CancellationToken.None);

        var upload = await user.WaitForLatestUploadAsync();
        Assert.Equal("completed", upload.GetProperty("status").GetString());
        Assert.Equal("hdfc-march.csv", upload.GetProperty("file_name").GetString());
        Assert.Equal(5, await user.CountAsync());
    }

    [Fact]
    public async Task A_dropped_file_that_is_not_a_statement_fails_without_retries_and_goes_to_poison()
    {
        var user = NewUser();
        var storage = App.Services.GetRequiredService<IStatementStorage>();
        var blobName = $"{user.UserId}/dropped/notes.csv";
        await storage.UploadAsync(blobName, new MemoryStream(Encoding.UTF8.GetBytes("Shopping list\nmilk,eggs\nbread,butter\n")), "text/csv", CancellationToken.None);

        var upload = await user.WaitForLatestUploadAsync();
        Assert.Equal("failed", upload.GetProperty("status").GetString());
        Assert.False(string.IsNullOrWhiteSpace(upload.GetProperty("error").GetString()));
        Assert.Equal(0, await user.CountAsync());
        // The status is committed first, then the blob is moved: wait for the move.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (!await BlobExistsAsync(App.Container + "-poison", blobName) && await tick.WaitForNextTickAsync(deadline.Token)) { }
        Assert.True(await BlobExistsAsync(App.Container + "-poison", blobName));
        Assert.False(await BlobExistsAsync(App.Container, blobName));
    }

    [Fact]
    public async Task Uploads_are_listed_newest_first_with_a_cursor_and_only_to_their_owner()
    {
        var user = NewUser();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await user.UploadAsync(Form(HdfcCsv(($"0{i + 1}/04/24", $"UPI-SHOP-{i}", "0000000000000001", 10m + i, null)), $"april-{i}.csv"));
            ids.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("upload_id").GetString()!);
        }

        var first = await user.GetJsonAsync("/api/v1/ingestion/uploads?limit=2");
        var cursor = first.GetProperty("next_cursor").GetString();
        var second = await user.GetJsonAsync("/api/v1/ingestion/uploads?limit=2&cursor=" + cursor);
        var listed = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray())
            .Select(u => u.GetProperty("upload_id").GetString()).ToList();
        Assert.Equal(Enumerable.Reverse(ids), listed);
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next_cursor").ValueKind);

        var stranger = NewUser();
        Assert.Empty((await stranger.GetJsonAsync("/api/v1/ingestion/uploads")).GetProperty("items").EnumerateArray());
        using var foreign = await App.Client.SendAsync(App.Request(HttpMethod.Get, $"/api/v1/ingestion/uploads/{ids[0]}", stranger.UserId));
        await foreign.AssertProblemAsync(404, "not_found");
    }

    [Fact]
    public async Task Unknown_and_malformed_upload_ids_are_404_and_400()
    {
        var user = NewUser();
        using (var unknown = await App.Client.SendAsync(App.Request(HttpMethod.Get, $"/api/v1/ingestion/uploads/{Guid.NewGuid()}", user.UserId)))
            await unknown.AssertProblemAsync(404, "not_found");
        using (var malformed = await App.Client.SendAsync(App.Request(HttpMethod.Get, "/api/v1/ingestion/uploads/not-a-uuid", user.UserId)))
            await malformed.AssertProblemAsync(400, "validation_failed");
    }

    internal static async Task<bool> BlobExistsAsync(string container, string blobName)
    {
        var blob = new BlobServiceClient(StackSettings.Storage).GetBlobContainerClient(container).GetBlobClient(blobName);
        return (await blob.ExistsAsync()).Value;
    }
}
