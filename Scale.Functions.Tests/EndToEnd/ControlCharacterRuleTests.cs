using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Scale.Domain.Ingestion;
using Scale.Functions.Tests.Ingestion;
using Scale.Functions.Tests.Support;

namespace Scale.Functions.Tests.EndToEnd;

/// <summary>
/// Issue 11: one control-character rule (<see cref="TextRules"/>) for every route where text enters. Tab and line
/// breaks are allowed; any other control character is refused from a JSON client and made a space in a statement file.
/// </summary>
[Collection(ScaleAppCollection.Name)]
public class ControlCharacterRuleTests(ScaleAppFixture fixture)
{
    private readonly ScaleApp _app = fixture.App;

    [Theory]
    [InlineData("\u0007")]
    [InlineData("\u001b[31m")]
    [InlineData("\u007f")]
    [InlineData("\u0085")]
    public async Task An_import_rejects_only_the_row_with_a_control_character(string control)
    {
        var user = new IngestionClient(_app, ScaleApp.NewUserId());
        var result = await user.ImportAsync(
            IngestionClient.Row("2024-06-01", 120m, "UPI/P2M/412345600011/SWIGGY/swiggy@ybl/order"),
            IngestionClient.Row("2024-06-02", 99m, "POS DMART" + control + "ANDHERI"),
            IngestionClient.Row("2024-06-03", 45m, "PAYTM\tMOBILE\nRECHARGE"),
            IngestionClient.Row("2024-06-04", 10m, "ATM WDL", merchant: "S" + control + "BI"));

        Assert.Equal(2, result.GetProperty("inserted").GetInt32());
        var rejected = result.GetProperty("rejected").EnumerateArray().ToList();
        Assert.Equal([1, 3], rejected.Select(r => r.GetProperty("index").GetInt32()));
        Assert.Contains("description: " + TextRules.ControlCharacterMessage, rejected[0].GetProperty("errors").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("merchant: " + TextRules.ControlCharacterMessage, rejected[1].GetProperty("errors").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Classify_refuses_the_same_characters_in_description_and_merchant_and_allows_tab_and_line_breaks()
    {
        var user = ScaleApp.NewUserId();
        async Task<HttpResponseMessage> Classify(object body) =>
            await _app.Client.SendAsync(_app.Request(HttpMethod.Post, "/api/v1/categorization/classify", user, ScaleApp.Json(body)));

        using (var bell = await Classify(new { description = "SWIGGY\u0007ORDER" })) await bell.AssertProblemAsync(400);
        using (var merchant = await Classify(new { description = "SWIGGY ORDER", merchant = "Swiggy\u001b" }))
        {
            var problem = await merchant.AssertProblemAsync(400);
            Assert.True(problem.GetProperty("errors").TryGetProperty("merchant", out _));
        }
        using var fine = await Classify(new { description = "SWIGGY\tORDER\nBANGALORE" });
        Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
    }

    [Fact]
    public async Task Feedback_refuses_them_too()
    {
        using var response = await _app.Client.SendAsync(_app.Request(HttpMethod.Post, "/api/v1/categorization/feedback", ScaleApp.NewUserId(),
            ScaleApp.Json(new { description = "RAMESH\u0000KUMAR TUITION", category = "Education" })));
        var problem = await response.AssertProblemAsync(400);
        Assert.True(problem.GetProperty("errors").TryGetProperty("description", out _));
    }

    [Fact]
    public async Task A_statement_file_keeps_the_row_with_the_control_character_made_a_space()
    {
        var user = new IngestionClient(_app, ScaleApp.NewUserId());
        var file = IngestionClient.HdfcCsv(
            ("01/06/24", "UPI-SWIGGY\u000bORDER-412345678901", "0000412345678901", 349.00m, null),
            ("02/06/24", "NEFT CR-ACME SOFTWARE PVT LTD-SALARY JUN", "N062240012345678", null, 85000.00m));
        var upload = await user.UploadAndWaitAsync(file, "june.csv");
        Assert.Equal("completed", upload.GetProperty("status").GetString());
        Assert.Equal(2, upload.GetProperty("inserted").GetInt32());

        var items = (await user.GetJsonAsync("/api/v1/transactions")).GetProperty("items").EnumerateArray();
        var description = items.Select(t => t.GetProperty("description").GetString()!).Single(d => d.Contains("SWIGGY", StringComparison.Ordinal));
        Assert.Equal("UPI-SWIGGY ORDER-412345678901", description);
    }
}
