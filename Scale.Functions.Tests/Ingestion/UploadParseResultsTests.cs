using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Scale.Functions.Tests.Parsing;
using Scale.Functions.Tests.Support;
using static Scale.Functions.Tests.Ingestion.IngestionClient;

namespace Scale.Functions.Tests.Ingestion;

/// <summary>
/// Issue 14: what a parse finds besides rows reaches the user on both routes: skipped rows with reasons and the
/// balance/footer check (computed once, in the parser), and the upload's bank hint is used when the blob is imported.
/// </summary>
[Collection(ScaleAppCollection.Name)]
public sealed class UploadParseResultsTests(ScaleAppFixture fixture)
{
    private ScaleApp App => fixture.App;
    private IngestionClient NewUser() => new(App, ScaleApp.NewUserId());

    private static byte[] Fixture(string name) => File.ReadAllBytes(StatementTestData.PathOf(name));

    [Fact]
    public async Task Parse_reports_the_balance_check_and_skipped_rows()
    {
        var user = NewUser();
        using var response = await user.ParseAsync(Form(Fixture("axis_corporate.csv"), "axis.csv"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("AXIS", body.GetProperty("bank").GetString());
        var check = body.GetProperty("balance_check");
        Assert.Equal("verified", check.GetProperty("status").GetString());
        Assert.Equal(0, check.GetProperty("gaps").GetArrayLength());
        Assert.Contains(check.GetProperty("totals").EnumerateArray(),
            t => t.GetProperty("name").GetString() == "credits" && t.GetProperty("statement").GetDecimal() == 463197.44m);
        Assert.Equal(4, body.GetProperty("skipped_row_count").GetInt32());
        Assert.Equal(7, body.GetProperty("skipped_rows")[0].GetProperty("line_number").GetInt32());
    }

    [Fact]
    public async Task Upload_stores_skipped_rows_and_a_verified_balance_check()
    {
        var user = NewUser();
        var upload = await user.UploadAndWaitAsync(Fixture("hdfc_reversals.csv"), "may.csv");

        Assert.Equal("completed", upload.GetProperty("status").GetString());
        Assert.Equal(7, upload.GetProperty("inserted").GetInt32());
        var check = upload.GetProperty("balance_check");
        Assert.Equal("verified", check.GetProperty("status").GetString());
        Assert.Equal(0, check.GetProperty("gaps").GetArrayLength());
        Assert.Equal(0, upload.GetProperty("skipped_row_count").GetInt32());
        Assert.Equal(JsonValueKind.Array, upload.GetProperty("skipped_rows").ValueKind);
    }

    [Fact]
    public async Task Upload_whose_balances_do_not_follow_reports_the_gap()
    {
        var user = NewUser();
        var lines = File.ReadAllLines(StatementTestData.PathOf("hdfc_reversals.csv")).Where(l => !l.StartsWith("03/05/24", StringComparison.Ordinal));
        var upload = await user.UploadAndWaitAsync(Encoding.UTF8.GetBytes(string.Join('\n', lines)), "may.csv");

        Assert.Equal("completed", upload.GetProperty("status").GetString());
        var check = upload.GetProperty("balance_check");
        Assert.Equal("gap", check.GetProperty("status").GetString());
        var gap = Assert.Single(check.GetProperty("gaps").EnumerateArray());
        Assert.Equal(10, gap.GetProperty("after_row").GetInt32());
        Assert.Equal(140000.00m, gap.GetProperty("expected_balance").GetDecimal());
        Assert.Equal(139650.00m, gap.GetProperty("found_balance").GetDecimal());
    }

    [Fact]
    public async Task Rows_the_parser_passed_over_are_listed_on_the_upload()
    {
        var user = NewUser();
        var upload = await user.UploadAndWaitAsync(Fixture("axis_statement.csv"), "april.csv");

        Assert.Equal("completed", upload.GetProperty("status").GetString());
        Assert.Equal(5, upload.GetProperty("inserted").GetInt32());
        var skipped = upload.GetProperty("skipped_rows").EnumerateArray().ToList();
        Assert.Equal(upload.GetProperty("skipped_row_count").GetInt32(), skipped.Count);
        Assert.Contains(skipped, s => s.GetProperty("reason").GetString()!.Contains("OPENING BALANCE", StringComparison.Ordinal));
        Assert.All(skipped, s => Assert.True(s.GetProperty("line_number").GetInt32() > 0));
    }

    [Fact]
    public async Task The_bank_hint_given_at_upload_is_used_when_the_blob_is_imported()
    {
        // An HDFC file the user asked to read as a generic statement: the upload was validated that way, so the
        // import must read it that way too (it used to be re-detected as HDFC when the blob was processed).
        var user = NewUser();
        var upload = await user.UploadAndWaitAsync(SampleStatement(), "march.csv", bank: "generic");

        Assert.Equal("completed", upload.GetProperty("status").GetString());
        Assert.Equal("GENERIC", upload.GetProperty("bank").GetString());
    }

    [Fact]
    public async Task A_card_bank_hint_decides_the_sign_convention_of_the_imported_rows()
    {
        // Without "SBI Card" above the header this is a generic statement, where a negative amount is money out; the
        // user said it is an SBI (card) statement, where a negative amount is a payment.
        var user = NewUser();
        var file = Encoding.UTF8.GetBytes("Date,Transaction Details,Amount\n12 May 24,AMAZON PAY INDIA,\"1,299.00\"\n15 May 24,PAYMENT THANK YOU,-5000.00\n");
        var upload = await user.UploadAndWaitAsync(file, "card.csv", bank: "sbi");

        Assert.Equal("completed", upload.GetProperty("status").GetString());
        Assert.Equal("SBI", upload.GetProperty("bank").GetString());
        var items = (await user.GetJsonAsync("/api/v1/transactions")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal("credit", items.Single(t => t.GetProperty("description").GetString() == "PAYMENT THANK YOU").GetProperty("type").GetString());
        Assert.Equal("debit", items.Single(t => t.GetProperty("description").GetString() == "AMAZON PAY INDIA").GetProperty("type").GetString());
    }

    [Fact]
    public async Task An_upload_whose_every_row_would_be_skipped_is_rejected_not_completed_empty()
    {
        var user = NewUser();
        var file = Encoding.UTF8.GetBytes("Date,Description,Debit,Credit\nApril 1st 2024,Coffee,100.00,\n");
        using var response = await user.UploadAsync(Form(file, "april.csv"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, problem.GetProperty("line_number").GetInt32());
        Assert.Equal(0, await user.CountAsync("uploaded_files"));
    }
}
