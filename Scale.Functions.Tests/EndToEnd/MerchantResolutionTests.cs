using System.Text.Json;
using Scale.Functions.Tests.Ingestion;
using Scale.Functions.Tests.Support;

namespace Scale.Functions.Tests.EndToEnd;

/// <summary>Issue 12 (5): the listed merchant is the brand; the narration (and a statement's raw columns) keep the original.</summary>
[Collection(ScaleAppCollection.Name)]
public class MerchantResolutionTests(ScaleAppFixture fixture)
{
    [Fact]
    public async Task A_legal_entity_or_vpa_in_the_narration_is_listed_as_the_brand()
    {
        var user = new IngestionClient(fixture.App, ScaleApp.NewUserId());
        await user.ImportAsync(
            IngestionClient.Row("2024-03-05", 420.50m, "UPI-BUNDL TECHNOLOGIES PVT LTD-bundltech@ybl-YESB0YBLUPI-412345678901-ORDER"),
            IngestionClient.Row("2024-03-06", 99m, "UPI/412345678902/swiggy.in@axisbank/Payment"),
            IngestionClient.Row("2024-03-07", 150m, "UPI-SRI MURUGAN PROVISION STORE-q1234@ybl-YESB0YBLUPI-412345678903-UPI"),
            IngestionClient.Row("2024-03-08", 300m, "UPI-BUNDL TECHNOLOGIES-x@ybl-YESB0YBLUPI-412345678904-ORDER", merchant: "My lunch place"));

        var items = (await user.GetJsonAsync("/api/v1/transactions?limit=200")).GetProperty("items").EnumerateArray().ToList();
        string? MerchantOf(decimal amount) => items.Single(t => t.GetProperty("amount").GetDecimal() == amount).GetProperty("merchant").GetString();

        Assert.Equal("Swiggy", MerchantOf(420.50m));
        Assert.Equal("Swiggy", MerchantOf(99m));
        Assert.Equal("SRI MURUGAN PROVISION STORE", MerchantOf(150m)); // not in the lexicon: as the bank printed it
        Assert.Equal("My lunch place", MerchantOf(300m));               // a merchant the source gave is kept
        Assert.Contains("BUNDL TECHNOLOGIES", items.Single(t => t.GetProperty("amount").GetDecimal() == 420.50m).GetProperty("description").GetString());
    }
}
