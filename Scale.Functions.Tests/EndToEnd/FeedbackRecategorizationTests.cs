using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Scale.Domain.Categorization;
using Scale.Domain.Ingestion;
using Scale.Domain.Transactions;
using Scale.Functions.Infrastructure.Transactions;
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

    private static async Task<Dictionary<string, string?>> MerchantsAsync(IngestionClient user) =>
        (await user.GetJsonAsync("/api/v1/transactions?limit=200")).GetProperty("items").EnumerateArray()
            .ToDictionary(t => t.GetProperty("description").GetString()!, t => t.GetProperty("merchant").GetString());

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
        // GET /transactions says who chose each category, so the frontend can tell answers from the user's choices.
        var listed = (await user.GetJsonAsync("/api/v1/transactions?limit=200")).GetProperty("items").EnumerateArray()
            .ToDictionary(t => t.GetProperty("description").GetString()!, t => t.GetProperty("category_source").GetString());
        Assert.Equal(sources, listed);

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

    [Fact]
    public async Task A_merchant_showing_a_name_another_merchant_was_renamed_to_is_corrected_renamed_and_restored_on_its_own()
    {
        var user = new IngestionClient(_app, ScaleApp.NewUserId());
        const string TeaStall = "UPI/P2M/412345678951/RAJU TEA STALL/rajuteastall.62@hdfcbank/Payment";
        await user.ImportAsync(IngestionClient.Row("2024-03-05", 40m, TeaStall), IngestionClient.Row("2024-03-06", 390m, Zomato));
        var rows = await RowsAsync(user);
        var zomatoName = (await MerchantsAsync(user))[Zomato]!;
        // The tea stall is renamed to the name the real Zomato rows show.
        await FeedbackMerchantAsync(user, rows[TeaStall].Id, zomatoName);

        var body = await FeedbackAsync(user, rows[Zomato].Id, Taxonomy.Entertainment);
        Assert.Equal(0, body.GetProperty("transactions_recategorized").GetInt32());
        Assert.Equal(Taxonomy.FoodAndDining, (await RowsAsync(user))[TeaStall].Category);
        Assert.Equal("zomato", body.GetProperty("rule_key").GetString());

        // The rule is Zomato's: the next Zomato row follows it, the next tea-stall row does not.
        const string NextZomato = "UPI/P2M/412345678952/ZOMATO/zomato@hdfcbank/Payment";
        const string NextTea = "UPI/P2M/412345678953/RAJU TEA STALL/rajuteastall.62@hdfcbank/Payment";
        await user.ImportAsync(IngestionClient.Row("2024-04-01", 410m, NextZomato), IngestionClient.Row("2024-04-02", 45m, NextTea));
        var later = await RowsAsync(user);
        Assert.Equal(Taxonomy.Entertainment, later[NextZomato].Category);
        Assert.Equal(Taxonomy.FoodAndDining, later[NextTea].Category);

        // Renaming the real Zomato moves its rows only, and undoing it gives them their name back.
        await FeedbackMerchantAsync(user, later[Zomato].Id, "Late-night food");
        var items = await MerchantsAsync(user);
        Assert.Equal("Late-night food", items[Zomato]);
        Assert.Equal("Late-night food", items[NextZomato]);
        Assert.Equal(zomatoName, items[TeaStall]);
        Assert.Equal(zomatoName, items[NextTea]);
        using var undo = await _app.Client.SendAsync(_app.Request(HttpMethod.Delete, "/api/v1/categorization/merchants/zomato", user.UserId));
        Assert.Equal(2, (await undo.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("transactions_restored").GetInt32());
        items = await MerchantsAsync(user);
        Assert.All(new[] { Zomato, NextZomato, TeaStall, NextTea }, d => Assert.Equal(zomatoName, items[d]));
    }

    [Fact]
    public async Task Rows_of_the_other_direction_and_rows_of_unknown_source_keep_their_category()
    {
        var user = new IngestionClient(_app, ScaleApp.NewUserId());
        const string Refund = "UPI/P2M/412345678961/SWIGGY/swiggy@ybl/Refund for order";
        await user.ImportAsync(IngestionClient.Row("2024-03-05", 420m, SwiggyOne), IngestionClient.Row("2024-03-06", 380m, SwiggyTwo),
            IngestionClient.Row("2024-03-07", 420m, Refund, type: "credit"));
        var before = await RowsAsync(user);
        // A row stored before sources were recorded (migration 0016).
        await using (var legacy = _app.Database.CreateCommand("UPDATE transactions SET category_source = NULL WHERE user_id = $1 AND description = $2"))
        {
            legacy.Parameters.AddWithValue(user.UserId);
            legacy.Parameters.AddWithValue(SwiggyTwo);
            Assert.Equal(1, await legacy.ExecuteNonQueryAsync());
        }

        var body = await FeedbackAsync(user, before[SwiggyOne].Id, Taxonomy.Entertainment);
        Assert.Equal(0, body.GetProperty("transactions_recategorized").GetInt32());
        var after = await RowsAsync(user);
        Assert.Equal(before[SwiggyTwo].Category, after[SwiggyTwo].Category);
        Assert.Equal(before[Refund].Category, after[Refund].Category);
    }

    private static List<ImportCandidate> SwiggyRows(int count, int from) =>
        Enumerable.Range(0, count).Select(i => new ImportCandidate(i, new TransactionDraft
        {
            Date = new DateOnly(2024, 5, 1).AddDays(i),
            Amount = 300m + i,
            Type = TransactionType.Debit,
            Description = $"UPI/P2M/4123456{from + i:D5}/SWIGGY/swiggy@ybl/Payment for order",
        })).ToList();

    [Theory]
    [InlineData(EnricherGate.FirstChunk)]
    [InlineData(EnricherGate.AfterPrepare)]
    public async Task Feedback_given_while_an_import_runs_reaches_the_imports_rows(EnricherGate gate)
    {
        var user = new IngestionClient(_app, ScaleApp.NewUserId());
        await user.ImportAsync(IngestionClient.Row("2024-03-05", 420m, SwiggyOne));
        var corrected = (await RowsAsync(user))[SwiggyOne].Id;

        var (gated, import) = await GatedEnricher.StartHeldImportAsync(_app, user.UserId, gate, SwiggyRows(5, 100));

        // Held at the first chunk, the import holds the user's lock: the feedback waits for it to commit, then
        // corrects its rows too. Held after reading the rules, it has not taken the lock and reads them again.
        var feedback = await gated.RaceAsync(_app.Database, FeedbackAsync(user, corrected, Taxonomy.Entertainment));
        Assert.Equal(gate == EnricherGate.FirstChunk ? 5 : 0, feedback.GetProperty("transactions_recategorized").GetInt32());
        Assert.Equal(5, (await import).Inserted);
        Assert.Equal(gate == EnricherGate.AfterPrepare ? 2 : 1, gated.Prepared);
        var rows = await RowsAsync(user);
        Assert.Equal(6, rows.Count);
        Assert.All(rows.Values, r => Assert.Equal(Taxonomy.Entertainment, r.Category));
    }

    [Fact]
    public async Task An_import_counts_the_new_rows_whose_category_scale_chose()
    {
        var user = ScaleApp.NewUserId();
        var importer = _app.Services.GetRequiredService<TransactionImporter>();
        var candidates = SwiggyRows(4, 200);
        candidates.Add(new ImportCandidate(4, candidates[0].Draft! with { Description = "NEFT/LABELLED/1", Category = Taxonomy.Shopping }));

        var first = await importer.ImportAsync(new ImportContext(user, "test"), candidates, CancellationToken.None);
        var again = await importer.ImportAsync(new ImportContext(user, "test"), candidates, CancellationToken.None);

        Assert.Equal((5, 4), (first.Inserted, first.CategorizedByScale));
        Assert.Equal((0, 0), (again.Inserted, again.CategorizedByScale));
    }
}
