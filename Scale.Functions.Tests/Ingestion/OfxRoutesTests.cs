using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Scale.Functions.Tests.Parsing;
using Scale.Functions.Tests.Support;
using static Scale.Functions.Tests.Ingestion.IngestionClient;

namespace Scale.Functions.Tests.Ingestion;

/// <summary>
/// Issue 16: what the OFX reader now honours (declared charsets, CDATA, currencies) reaches the user the same way
/// through /parse and through an upload's import. The refusals are in <see cref="BadStatementTests"/>.
/// </summary>
[Collection(ScaleAppCollection.Name)]
public sealed class OfxRoutesTests(ScaleAppFixture fixture)
{
    private ScaleApp App => fixture.App;

    private static byte[] Fixture(string name) => File.ReadAllBytes(StatementTestData.PathOf(name));

    [Fact]
    public async Task Parse_decodes_a_declared_charset_and_keeps_each_rows_currency_with_a_warning()
    {
        var user = new IngestionClient(App, ScaleApp.NewUserId());
        using (var latin = await user.ParseAsync(Form(Fixture("ofx_v1_latin1.ofx"), "march.ofx")))
        {
            Assert.Equal(HttpStatusCode.OK, latin.StatusCode);
            var rows = (await latin.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rows");
            Assert.Equal("Caf\u00e9 Cr\u00e8me Bandra", rows[0].GetProperty("description").GetString());
        }

        using var response = await user.ParseAsync(Form(Fixture("ofx_v1_currencies.ofx"), "card.ofx"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["USD", "AUD", "USD"], body.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("currency").GetString()!).ToArray());
        Assert.Contains(body.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("The statement is in USD, not INR", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Upload_imports_cdata_names_and_the_transactions_own_currency()
    {
        var user = new IngestionClient(App, ScaleApp.NewUserId());
        var cdata = await user.UploadAndWaitAsync(Fixture("ofx_v1_cdata.ofx"), "card.ofx");
        Assert.Equal("completed", cdata.GetProperty("status").GetString());
        var currencies = await user.UploadAndWaitAsync(Fixture("ofx_v1_currencies.ofx"), "usd.ofx");
        Assert.Equal("completed", currencies.GetProperty("status").GetString());
        Assert.Equal(3, currencies.GetProperty("inserted").GetInt32());

        var items = (await user.GetJsonAsync("/api/v1/transactions?limit=100")).GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(items, t => t.GetProperty("description").GetString() == "EFTPOS WDL HANDYWAY ALDI STORE" && t.GetProperty("currency").GetString() == "INR");
        Assert.Contains(items, t => t.GetProperty("description").GetString() == "SYDNEY FERRIES" && t.GetProperty("currency").GetString() == "AUD");
        Assert.Contains(items, t => t.GetProperty("description").GetString() == "NYC DELI" && t.GetProperty("currency").GetString() == "USD");
    }
}
