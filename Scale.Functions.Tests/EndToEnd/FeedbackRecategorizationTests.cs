using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Scale.Domain.Categorization;
using Scale.Functions.Tests.Ingestion;
using Scale.Functions.Tests.Support;

namespace Scale.Functions.Tests.EndToEnd;

/// <summary>
/// Feedback on one transaction recategorizes the user's other rows of that merchant whose category SCALE chose (what
/// a re-import would now give them), never a category the source or the user gave; and every stored row records who
/// chose its category (transactions.category_source), which the classification-accuracy SLO counts.
/// </summary>
[Collection(ScaleAppCollection.Name)]
public sealed class FeedbackRecategorizationTests(ScaleAppFixture fixture)
{
    private readonly ScaleApp _app = fixture.App;

    private const string SwiggyOne = "UPI/P2M/412345678931/SWIGGY/swiggy@ybl/Payment for order";
    private const string SwiggyTwo = "UPI/P2M/412345678932/SWIGGY/swiggy@ybl/Payment for order";
    private const string SwiggyLabelled = "UPI/P2M/412345678933/SWIGGY/swiggy@ybl/Payment for order";
    private const string Bundl = "UPI-BUNDL TECHNOLOGIES-BUNDLTECH@ICICI-ICIC0DC0099-410312345634-ORDER";
    private const string Zomato = "UPI/P2M/412345678935/ZOMATO/zomato@hdfcbank/Payment";

    private async Task<Dictionary<string, (string Id, string? Category)>> RowsAsync(IngestionClient user) =>
        (await user.GetJsonAsync("/api/v1/transactions?limit=200")).GetProperty("items").EnumerateArray()
            .ToDictionary(t => t.GetProperty("description").GetString()!,
                t => (t.GetProperty("id").GetString()!, t.GetProperty("category").GetString()));

    private async Task<Dictionary<string, string?>> SourcesAsync(IngestionClient user)
    {
        await using var connection = await _app.Database.OpenConnectionAsync();
        var rows = await connection.QueryAsync<(string Description, string? Source)>(
            "SELECT description, category_source FROM transactions WHERE user_id = @userId", new { userId = user.UserId });
        return rows.ToDictionary(r => r.Description, r => r.Source);
    }

    private async Task<JsonElement> FeedbackAsync(IngestionClient user, string transactionId, string category)
    {
        var response = await _app.Client.SendAsync(_app.Request(HttpMethod.Post, "/api/v1/categorization/feedback", user.UserId,
            ScaleApp.Json(new { transaction_id = transactionId, category })));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Feedback_recategorizes_the_merchants_rows_scale_categorized_and_leaves_those_the_source_or_the_user_gave()
    {
        var user = new IngestionClient(_app, ScaleApp.NewUserId());
        var other = new IngestionClient(_app, ScaleApp.NewUserId());
        await user.ImportAsync(IngestionClient.Row("2024-03-05", 420m, SwiggyOne), IngestionClient.Row("2024-03-06", 380m, SwiggyTwo),
            IngestionClient.Row("2024-03-07", 300m, SwiggyLabelled, category: Taxonomy.Shopping),
            IngestionClient.Row("2024-03-08", 350m, Bundl, merchant: "BUNDL TECHNOLOGIES"), IngestionClient.Row("2024-03-09", 390m, Zomato));
        await other.ImportAsync(IngestionClient.Row("2024-03-05", 420m, SwiggyOne));
        var before = await RowsAsync(user);
        Assert.NotEqual(Taxonomy.Entertainment, before[SwiggyTwo].Category);
        var sources = await SourcesAsync(user);
        Assert.Equal(ClassificationSources.Model, sources[SwiggyOne]);
        Assert.Equal("source", sources[SwiggyLabelled]);

        var body = await FeedbackAsync(user, before[SwiggyOne].Id, Taxonomy.Entertainment);
        // SwiggyTwo and the row printing the legal entity; not the labelled row, not Zomato.
        Assert.Equal(2, body.GetProperty("transactions_recategorized").GetInt32());
        var after = await RowsAsync(user);
        Assert.Equal(Taxonomy.Entertainment, after[SwiggyOne].Category);
        Assert.Equal(Taxonomy.Entertainment, after[SwiggyTwo].Category);
        Assert.Equal(Taxonomy.Entertainment, after[Bundl].Category);
        Assert.Equal(Taxonomy.Shopping, after[SwiggyLabelled].Category);
        Assert.Equal(before[Zomato].Category, after[Zomato].Category);
        Assert.NotEqual(Taxonomy.Entertainment, (await RowsAsync(other))[SwiggyOne].Category);
        sources = await SourcesAsync(user);
        Assert.Equal("feedback", sources[SwiggyOne]);
        Assert.Equal(ClassificationSources.Rule, sources[SwiggyTwo]);

        // A later correction moves the rows its rule decided, not the row the user set by hand.
        body = await FeedbackAsync(user, after[SwiggyTwo].Id, Taxonomy.FoodAndDining);
        Assert.Equal(1, body.GetProperty("transactions_recategorized").GetInt32());
        after = await RowsAsync(user);
        Assert.Equal(Taxonomy.Entertainment, after[SwiggyOne].Category);
        Assert.Equal(Taxonomy.FoodAndDining, after[Bundl].Category);
        Assert.Equal(Taxonomy.Shopping, after[SwiggyLabelled].Category);

        // The next import's Swiggy row is decided by the user's rule, and recorded so.
        const string Later = "UPI/P2M/412345678939/SWIGGY/swiggy@ybl/Payment for order";
        await user.ImportAsync(IngestionClient.Row("2024-04-01", 410m, Later));
        Assert.Equal(Taxonomy.FoodAndDining, (await RowsAsync(user))[Later].Category);
        Assert.Equal(ClassificationSources.Rule, (await SourcesAsync(user))[Later]);
    }

    [Fact]
    public async Task A_correction_on_a_name_two_merchants_share_teaches_both_and_recategorizes_both()
    {
        var user = new IngestionClient(_app, ScaleApp.NewUserId());
        await user.ImportAsync(IngestionClient.Row("2024-03-05", 420m, SwiggyOne), IngestionClient.Row("2024-03-06", 390m, Zomato),
            IngestionClient.Row("2024-03-07", 380m, SwiggyTwo));
        var rows = await RowsAsync(user);
        await FeedbackMerchantAsync(user, rows[SwiggyOne].Id, "Food delivery");
        await FeedbackMerchantAsync(user, rows[Zomato].Id, "Food delivery");

        var body = await FeedbackAsync(user, rows[Zomato].Id, Taxonomy.Entertainment);
        Assert.Equal(1, body.GetProperty("transactions_recategorized").GetInt32()); // SwiggyTwo; SwiggyOne was set by hand
        Assert.Equal(Taxonomy.Entertainment, (await RowsAsync(user))[SwiggyTwo].Category);

        // Both merchants' next rows follow the correction, whichever of them the corrected row was.
        const string NextSwiggy = "UPI/P2M/412345678940/SWIGGY/swiggy@ybl/Payment for order";
        const string NextZomato = "UPI/P2M/412345678941/ZOMATO/zomato@hdfcbank/Payment";
        await user.ImportAsync(IngestionClient.Row("2024-04-01", 410m, NextSwiggy), IngestionClient.Row("2024-04-02", 400m, NextZomato));
        var later = await RowsAsync(user);
        Assert.Equal(Taxonomy.Entertainment, later[NextSwiggy].Category);
        Assert.Equal(Taxonomy.Entertainment, later[NextZomato].Category);
    }

    private async Task FeedbackMerchantAsync(IngestionClient user, string transactionId, string merchant)
    {
        var response = await _app.Client.SendAsync(_app.Request(HttpMethod.Post, "/api/v1/categorization/feedback", user.UserId,
            ScaleApp.Json(new { transaction_id = transactionId, merchant, category = Taxonomy.FoodAndDining })));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
