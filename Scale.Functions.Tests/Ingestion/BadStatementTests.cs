using System.Diagnostics;
using System.IO.Compression;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Scale.Functions.Infrastructure.Storage;
using Scale.Functions.Tests.Support;
using static Scale.Functions.Tests.Ingestion.IngestionClient;

namespace Scale.Functions.Tests.Ingestion;

/// <summary>
/// Issue 3 item 6: every bad file gets a clear 4xx problem from /parse and /uploads, quickly, and leaves nothing
/// behind (no transactions, no upload row).
/// </summary>
[Collection(ScaleAppCollection.Name)]
public sealed class BadStatementTests(ScaleAppFixture fixture)
{
    private ScaleApp App => fixture.App;

    private const string HdfcHeader = "Date,Narration,Chq./Ref.No.,Value Dt,Withdrawal Amt.,Deposit Amt.,Closing Balance\n";

    public static TheoryData<string, int, string> BadFiles => new()
    {
        { "unknown_layout", 422, "unknown_layout" },
        { "png_named_csv", 415, "unsupported_content" },
        { "zip_bomb_xlsx", 413, "statement_too_large" },
        { "ten_mb_line", 422, "malformed_statement" },
        { "invalid_utf8", 415, "unsupported_content" },
        { "february_31", 422, "malformed_statement" },
        // Issue 16: OFX responses that hold no statement used to be 200 with 0 rows.
        { "ofx_signon_failed", 422, "institution_error" },
        { "ofx_statement_error", 422, "institution_error" },
        { "ofx_investment_only", 422, "investment_only_statement" },
    };

    private static (byte[] Content, string FileName) Make(string kind) => kind switch
    {
        "unknown_layout" => (Encoding.UTF8.GetBytes("Foo,Bar,Baz\n1,2,3\n4,5,6\n"), "statement.csv"),
        "png_named_csv" => ([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, (byte)'I', (byte)'H', (byte)'D', (byte)'R', .. new byte[512]], "statement.csv"),
        "zip_bomb_xlsx" => (ZipBomb(), "statement.xlsx"),
        "ten_mb_line" => (Encoding.UTF8.GetBytes(HdfcHeader + "01/03/24," + new string('A', 10 * 1024 * 1024) + ",1,01/03/24,10.00,,100.00\n"), "statement.csv"),
        "invalid_utf8" => ([.. Encoding.UTF8.GetBytes(HdfcHeader + "01/03/24,UPI-"), 0xC3, 0x28, 0xFF, .. Encoding.UTF8.GetBytes(",1,01/03/24,10.00,,100.00\n")], "statement.csv"),
        "february_31" => (Encoding.UTF8.GetBytes(HdfcHeader + "01/02/24,UPI-OK,1,01/02/24,10.00,,100.00\n31/02/24,UPI-IMPOSSIBLE,2,31/02/24,10.00,,90.00\n"), "statement.csv"),
        "ofx_signon_failed" => (File.ReadAllBytes(Parsing.StatementTestData.PathOf("ofx_v1_signon_failed.ofx")), "statement.ofx"),
        "ofx_statement_error" => (File.ReadAllBytes(Parsing.StatementTestData.PathOf("ofx_v2_statement_error.qfx")), "statement.qfx"),
        "ofx_investment_only" => (File.ReadAllBytes(Parsing.StatementTestData.PathOf("ofx_v2_investment_only.qfx")), "401k.qfx"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>A zip that looks like a workbook and inflates one part from ~100 KB to 100 MB.</summary>
    private static byte[] ZipBomb()
    {
        var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var types = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open()))
                types.Write("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
            using var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Optimal).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 100; i++) sheet.Write(zeros);
        }
        return output.ToArray();
    }

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task Parse_answers_a_bad_file_with_a_clear_problem(string kind, int status, string code)
    {
        var user = new IngestionClient(App, ScaleApp.NewUserId());
        var (content, fileName) = Make(kind);
        var clock = Stopwatch.StartNew();
        using var response = await user.ParseAsync(Form(content, fileName));
        var problem = await response.AssertProblemAsync(status, code);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"{kind} took {clock.Elapsed}");
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        if (kind == "unknown_layout") Assert.NotEmpty(problem.GetProperty("missing_columns").EnumerateArray());
        if (kind == "ofx_signon_failed")
        {
            Assert.Equal("15500", problem.GetProperty("institution_code").GetString());
            Assert.Equal("Signon invalid: user ID or password incorrect", problem.GetProperty("institution_message").GetString());
        }
    }

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task Upload_rejects_a_bad_file_and_stores_nothing(string kind, int status, string code)
    {
        var user = new IngestionClient(App, ScaleApp.NewUserId());
        var (content, fileName) = Make(kind);
        using var response = await user.UploadAsync(Form(content, fileName));
        await response.AssertProblemAsync(status, code);
        Assert.Equal(0, await user.CountAsync());
        Assert.Equal(0, await user.CountAsync("uploaded_files"));
        Assert.Equal(0, await user.CountAsync("imports"));
    }

    [Fact]
    public async Task A_request_that_is_not_multipart_is_415_and_a_form_without_file_is_400()
    {
        var user = new IngestionClient(App, ScaleApp.NewUserId());
        using (var json = await user.ParseAsync(ScaleApp.Json(new { file = "x" })))
            await json.AssertProblemAsync(415);
        var form = new MultipartFormDataContent { { new StringContent("secret"), "password" } };
        using (var missing = await user.UploadAsync(form))
        {
            var problem = await missing.AssertProblemAsync(400, "validation_failed");
            Assert.True(problem.GetProperty("errors").TryGetProperty("file", out _));
        }
    }

    [Fact]
    public async Task A_statement_over_the_upload_limit_is_413()
    {
        await using var small = await ScaleApp.StartAsync(new Dictionary<string, string?> { ["Limits:UploadBodyBytes"] = "65536" });
        var user = new IngestionClient(small, ScaleApp.NewUserId());
        var big = Encoding.UTF8.GetBytes(HdfcHeader + string.Concat(Enumerable.Repeat("01/03/24,UPI-SHOP,1,01/03/24,10.00,,100.00\n", 3000)));
        using var response = await user.UploadAsync(Form(big, "big.csv"));
        await response.AssertProblemAsync(413);
        Assert.Equal(0, await user.CountAsync("uploaded_files"));
    }

    [Fact]
    public async Task A_row_with_an_impossible_date_half_way_through_a_dropped_file_imports_nothing_from_it()
    {
        var user = new IngestionClient(App, ScaleApp.NewUserId());
        var storage = App.Services.GetRequiredService<IStatementStorage>();
        var rows = string.Concat(Enumerable.Range(1, 20_000).Select(i => $"01/01/24,UPI-ROW-{i},{i},01/01/24,{i}.00,,100.00\n"));
        var content = Encoding.UTF8.GetBytes(HdfcHeader + rows + "31/02/24,UPI-IMPOSSIBLE,2,31/02/24,10.00,,90.00\n");
        await storage.UploadAsync($"{user.UserId}/drop/bad-late.csv", new MemoryStream(content), "text/csv", CancellationToken.None);

        var upload = await user.WaitForLatestUploadAsync();
        Assert.Equal("failed", upload.GetProperty("status").GetString());
        Assert.Contains("20002", upload.GetProperty("error").GetString());
        Assert.Equal(0, await user.CountAsync());
    }
}
