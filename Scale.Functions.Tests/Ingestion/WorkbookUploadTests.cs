using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Scale.Functions.Tests.Support;
using static Scale.Functions.Tests.Ingestion.IngestionClient;

namespace Scale.Functions.Tests.Ingestion;

/// <summary>
/// The same two HDFC rows as CSV and as an XLSX workbook (Data/Ingestion, made with LibreOffice from the CSV):
/// one identity whatever the file format, and whatever the path (upload, or parse then JSON import).
/// </summary>
[Collection(ScaleAppCollection.Name)]
public sealed class WorkbookUploadTests(ScaleAppFixture fixture)
{
    private static byte[] Data(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Data", "Ingestion", name));

    [Fact]
    public async Task An_xlsx_statement_is_imported_with_the_same_identities_as_its_csv()
    {
        var user = new IngestionClient(fixture.App, ScaleApp.NewUserId());
        using var csv = await user.UploadAsync(Form(Data("hdfc_two_rows.csv"), "march.csv"));
        var csvUpload = await user.WaitForUploadAsync((await csv.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("upload_id").GetString()!);
        Assert.Equal(2, csvUpload.GetProperty("inserted").GetInt32());

        using var xlsx = await user.UploadAsync(Form(Data("hdfc_two_rows.xlsx"), "march.xlsx"));
        Assert.Equal(HttpStatusCode.Accepted, xlsx.StatusCode);
        var upload = await user.WaitForUploadAsync((await xlsx.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("upload_id").GetString()!);

        Assert.Equal("completed", upload.GetProperty("status").GetString());
        Assert.Equal("xlsx", upload.GetProperty("format").GetString());
        Assert.Equal(0, upload.GetProperty("inserted").GetInt32());
        Assert.Equal(2, upload.GetProperty("skipped_duplicates").GetInt32());
        Assert.Equal(2, await user.CountAsync());
    }

    [Fact]
    public async Task A_large_statement_is_imported_across_chunks_exactly_once()
    {
        var user = new IngestionClient(fixture.App, ScaleApp.NewUserId());
        const int count = 2 * Scale.Functions.Infrastructure.Transactions.TransactionImporter.ChunkSize + 345; // three chunks, the last partial
        var rows = Enumerable.Range(0, count)
            .Select(i => ($"{1 + (i % 28):00}/0{1 + (i % 9)}/24", $"UPI-MERCHANT-{i % 500}", $"{400000000000L + i}", (decimal?)(10 + (i % 700)), (decimal?)null))
            .ToArray();
        var file = HdfcCsv(rows);

        using var first = await user.UploadAsync(Form(file, "year.csv"));
        // 40,345 rows twice: on a loaded CI machine that can outlast the default 30 s wait. The wait is a deadline for "finished", not a speed check (bench/Ingestion measures speed).
        var largeUpload = TimeSpan.FromMinutes(2);
        var upload = await user.WaitForUploadAsync((await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("upload_id").GetString()!, largeUpload);
        Assert.Equal(count, upload.GetProperty("inserted").GetInt32());

        using var again = await user.UploadAsync(Form(file, "year-again.csv"));
        var second = await user.WaitForUploadAsync((await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("upload_id").GetString()!, largeUpload);
        Assert.True(second.GetProperty("status").GetString() == "completed", second.GetRawText());
        Assert.Equal(0, second.GetProperty("inserted").GetInt32());
        Assert.Equal(count, second.GetProperty("skipped_duplicates").GetInt32());
        Assert.Equal(count, await user.CountAsync());
    }
}
