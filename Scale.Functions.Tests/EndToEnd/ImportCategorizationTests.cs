using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Scale.Domain.Categorization;
using Scale.Functions.Tests.Ingestion;
using Scale.Functions.Tests.Support;

namespace Scale.Functions.Tests.EndToEnd;

/// <summary>Imports are categorized by the same service as the classify API: the user's rules, then the model.</summary>
[Collection(ScaleAppCollection.Name)]
public class ImportCategorizationTests(ScaleAppFixture fixture)
{
    private readonly ScaleApp _app = fixture.App;

    private async Task<List<JsonElement>> Transactions(IngestionClient user) =>
        (await user.GetJsonAsync("/api/v1/transactions?limit=200")).GetProperty("items").EnumerateArray().ToList();

    private static JsonElement Find(List<JsonElement> items, string descriptionPart) =>
        items.Single(t => t.GetProperty("description").GetString()!.Contains(descriptionPart, StringComparison.Ordinal));

    [Fact]
    public async Task Rows_without_a_category_are_categorized_by_the_model_and_supplied_ones_are_kept()
    {
        var user = new IngestionClient(_app, ScaleApp.NewUserId());
        await user.ImportAsync(
            IngestionClient.Row("2024-03-05", 420.50m, "UPI/P2M/412345678901/SWIGGY/swiggy@ybl/Payment for order"),
            IngestionClient.Row("2024-03-06", 2000m, "ATM WDL SBI ATM ANDHERI EAST MUMBAI"),
            IngestionClient.Row("2024-03-07", 999m, "UPI/P2M/412345678902/ZOMATO/zomato@hdfc/order", category: "Entertainment"));

        var items = await Transactions(user);
        Assert.Equal(Taxonomy.FoodAndDining, Find(items, "SWIGGY").GetProperty("category").GetString());
        Assert.Equal(Taxonomy.CashWithdrawal, Find(items, "ATM WDL").GetProperty("category").GetString());
        Assert.Equal(Taxonomy.Entertainment, Find(items, "ZOMATO").GetProperty("category").GetString());
    }

    [Fact]
    public async Task A_missing_merchant_is_filled_from_the_narration_for_display()
    {
        var user = new IngestionClient(_app, ScaleApp.NewUserId());
        await user.ImportAsync(IngestionClient.Row("2024-03-05", 420.50m, "UPI/P2M/412345678901/SWIGGY/swiggy@ybl/Payment for order"));

        var merchant = Find(await Transactions(user), "SWIGGY").GetProperty("merchant").GetString();
        Assert.Contains("SWIGGY", merchant, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_users_rule_categorizes_their_later_imports_but_not_another_users()
    {
        var asha = new IngestionClient(_app, ScaleApp.NewUserId());
        var ravi = new IngestionClient(_app, ScaleApp.NewUserId());
        // A personal tutor paid by UPI: the model alone says Rent or Transfers; Asha teaches it Education.
        const string narration = "UPI/P2A/412399887766/RAMESH KUMAR/ramesh.k@okaxis/monthly";
        var feedback = await _app.Client.SendAsync(_app.Request(HttpMethod.Post, "/api/v1/categorization/feedback", asha.UserId,
            ScaleApp.Json(new { description = narration, category = "Education" })));
        Assert.Equal(HttpStatusCode.OK, feedback.StatusCode);

        var later = IngestionClient.Row("2024-04-01", 25000m, "UPI/P2A/412311112222/RAMESH KUMAR/ramesh.k@okaxis/april");
        await asha.ImportAsync(later);
        await ravi.ImportAsync(later);

        Assert.Equal(Taxonomy.Education, Find(await Transactions(asha), "RAMESH").GetProperty("category").GetString());
        Assert.NotEqual(Taxonomy.Education, Find(await Transactions(ravi), "RAMESH").GetProperty("category").GetString());
    }

    [Fact]
    public async Task Feedback_on_a_transaction_updates_it_and_teaches_a_rule()
    {
        var user = new IngestionClient(_app, ScaleApp.NewUserId());
        await user.ImportAsync(IngestionClient.Row("2024-03-05", 1500m, "NEFT-HDFCN5202403051234-SUNRISE PLAY SCHOOL-TERM FEE"));
        var id = Find(await Transactions(user), "SUNRISE").GetProperty("id").GetString();

        var response = await _app.Client.SendAsync(_app.Request(HttpMethod.Post, "/api/v1/categorization/feedback", user.UserId,
            ScaleApp.Json(new { transaction_id = id, category = "Education" })));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("transaction_updated").GetBoolean());
        Assert.Equal(Taxonomy.Education, Find(await Transactions(user), "SUNRISE").GetProperty("category").GetString());
        var next = await _app.Client.SendAsync(_app.Request(HttpMethod.Post, "/api/v1/categorization/classify", user.UserId,
            ScaleApp.Json(new { description = "NEFT-HDFCN5202404051234-SUNRISE PLAY SCHOOL-TERM FEE" })));
        var classified = await next.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("rule", classified.GetProperty("source").GetString());
        Assert.Equal(Taxonomy.Education, classified.GetProperty("category").GetString());
    }

    [Fact]
    public async Task Feedback_on_another_users_transaction_is_a_404_and_changes_nothing()
    {
        var owner = new IngestionClient(_app, ScaleApp.NewUserId());
        await owner.ImportAsync(IngestionClient.Row("2024-03-05", 1500m, "NEFT-SOMEONE ELSE-PAYMENT"));
        var item = Find(await Transactions(owner), "SOMEONE");

        var response = await _app.Client.SendAsync(_app.Request(HttpMethod.Post, "/api/v1/categorization/feedback", ScaleApp.NewUserId(),
            ScaleApp.Json(new { transaction_id = item.GetProperty("id").GetString(), category = "Rent" })));

        await response.AssertProblemAsync(404, "not_found");
        Assert.Equal(item.GetProperty("category").GetString(), Find(await Transactions(owner), "SOMEONE").GetProperty("category").GetString());
    }
}
