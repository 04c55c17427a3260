using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Scale.Domain.Categorization;
using Scale.Functions.Tests.Ingestion;
using Scale.Functions.Tests.Support;

namespace Scale.Functions.Tests.EndToEnd;

/// <summary>
/// Issue 12 item 5: per-user merchant names learned from feedback. Feedback on a transaction with another merchant
/// renames that merchant for the user: the row, the user's other rows shown under the same name, and every later
/// import; the category rule stays keyed by the merchant's identity, never by the typed name. Rules and renames
/// key a lexicon merchant by its brand, so a correction made on "Swiggy" applies to a row printing "BUNDL TECHNOLOGIES".
/// </summary>
[Collection(ScaleAppCollection.Name)]
public sealed class MerchantRenameTests(ScaleAppFixture fixture)
{
    private readonly ScaleApp _app = fixture.App;

    private const string TeaStall = "UPI/P2M/412345678901/RAJU TEA STALL/rajuteastall.62@hdfcbank/Payment";
    private const string TeaStallAgain = "UPI/P2M/412345678902/RAJU TEA STALL/rajuteastall.62@hdfcbank/Payment";
    private const string TeaStallLater = "UPI/P2M/412345678903/RAJU TEA STALL/rajuteastall.62@hdfcbank/Payment";

    private async Task<List<JsonElement>> Transactions(IngestionClient user) =>
        (await user.GetJsonAsync("/api/v1/transactions?limit=200")).GetProperty("items").EnumerateArray().ToList();

    private static JsonElement ByDescription(List<JsonElement> items, string description) =>
        items.Single(t => t.GetProperty("description").GetString() == description);

    private async Task<JsonElement> FeedbackAsync(IngestionClient user, object body)
    {
        var response = await _app.Client.SendAsync(_app.Request(HttpMethod.Post, "/api/v1/categorization/feedback", user.UserId, ScaleApp.Json(body)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task A_rename_applies_to_the_users_rows_of_that_merchant_and_to_later_imports_but_not_to_other_users()
    {
        var user = new IngestionClient(_app, ScaleApp.NewUserId());
        var other = new IngestionClient(_app, ScaleApp.NewUserId());
        await user.ImportAsync(IngestionClient.Row("2024-03-05", 40m, TeaStall), IngestionClient.Row("2024-03-06", 60m, TeaStallAgain),
            IngestionClient.Row("2024-03-06", 500m, "ATM WDL SBI ATM ANDHERI EAST MUMBAI"));
        await other.ImportAsync(IngestionClient.Row("2024-03-05", 40m, TeaStall));
        var before = await Transactions(user);
        var shown = ByDescription(before, TeaStall).GetProperty("merchant").GetString();
        Assert.False(string.IsNullOrEmpty(shown));

        var body = await FeedbackAsync(user, new
        {
            transaction_id = ByDescription(before, TeaStall).GetProperty("id").GetString(),
            merchant = "Raju's chai",
            category = Taxonomy.FoodAndDining,
        });
        Assert.Equal("Raju's chai", body.GetProperty("merchant").GetString());
        Assert.Equal(2, body.GetProperty("transactions_renamed").GetInt32());
        // The rule is the merchant's identity, not the typed name.
        Assert.Equal(MerchantKey.Of(shown!), body.GetProperty("rule_key").GetString());

        var after = await Transactions(user);
        Assert.Equal("Raju's chai", ByDescription(after, TeaStall).GetProperty("merchant").GetString());
        Assert.Equal("Raju's chai", ByDescription(after, TeaStallAgain).GetProperty("merchant").GetString());
        Assert.NotEqual("Raju's chai", ByDescription(after, "ATM WDL SBI ATM ANDHERI EAST MUMBAI").GetProperty("merchant").GetString());

        await user.ImportAsync(IngestionClient.Row("2024-04-02", 45m, TeaStallLater));
        var later = ByDescription(await Transactions(user), TeaStallLater);
        Assert.Equal("Raju's chai", later.GetProperty("merchant").GetString());
        Assert.Equal(Taxonomy.FoodAndDining, later.GetProperty("category").GetString());
        Assert.Equal(shown, ByDescription(await Transactions(other), TeaStall).GetProperty("merchant").GetString());
    }

    [Fact]
    public async Task A_rename_moves_the_users_rows_that_print_the_same_merchant_another_way()
    {
        var user = new IngestionClient(_app, ScaleApp.NewUserId());
        const string Swiggy = "UPI/P2M/412345678921/SWIGGY/swiggy@ybl/Payment for order";
        const string Bundl = "UPI-BUNDL TECHNOLOGIES-BUNDLTECH@ICICI-ICIC0DC0099-410312345679-ORDER";
        const string Dashed = "POS 4567XXXXXXXX1234 RAJU TEA-STALL";
        await user.ImportAsync(IngestionClient.Row("2024-03-05", 40m, TeaStall), IngestionClient.Row("2024-03-06", 420m, Swiggy),
            IngestionClient.Row("2024-03-07", 35m, Dashed, merchant: "Raju Tea-Stall"), IngestionClient.Row("2024-03-08", 380m, Bundl, merchant: "BUNDL TECHNOLOGIES"));
        var rows = await Transactions(user);
        Assert.Equal("Raju Tea-Stall", ByDescription(rows, Dashed).GetProperty("merchant").GetString());
        Assert.Equal("BUNDL TECHNOLOGIES", ByDescription(rows, Bundl).GetProperty("merchant").GetString());

        var tea = await FeedbackAsync(user, new { transaction_id = ByDescription(rows, TeaStall).GetProperty("id").GetString(), merchant = "Raju's chai", category = Taxonomy.FoodAndDining });
        var food = await FeedbackAsync(user, new { transaction_id = ByDescription(rows, Swiggy).GetProperty("id").GetString(), merchant = "Late-night food", category = Taxonomy.FoodAndDining });
        Assert.Equal(2, tea.GetProperty("transactions_renamed").GetInt32());
        Assert.Equal(2, food.GetProperty("transactions_renamed").GetInt32());

        var after = await Transactions(user);
        Assert.Equal("Raju's chai", ByDescription(after, Dashed).GetProperty("merchant").GetString());
        Assert.Equal("Late-night food", ByDescription(after, Bundl).GetProperty("merchant").GetString());

        // The undo gives each row back the name it showed before, as supplied.
        using var undo = await UndoAsync(user, MerchantKey.Of("Swiggy"));
        Assert.Equal(2, (await undo.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("transactions_restored").GetInt32());
        var restored = await Transactions(user);
        Assert.Equal("BUNDL TECHNOLOGIES", ByDescription(restored, Bundl).GetProperty("merchant").GetString());
        Assert.Equal("Swiggy", ByDescription(restored, Swiggy).GetProperty("merchant").GetString());
    }

    [Fact]
    public async Task Renaming_a_renamed_row_again_moves_every_row_and_later_imports_to_the_newest_name()
    {
        var user = new IngestionClient(_app, ScaleApp.NewUserId());
        await user.ImportAsync(IngestionClient.Row("2024-03-05", 40m, TeaStall), IngestionClient.Row("2024-03-06", 60m, TeaStallAgain));
        var first = ByDescription(await Transactions(user), TeaStall).GetProperty("id").GetString();
        await FeedbackAsync(user, new { transaction_id = first, merchant = "Raju's chai", category = Taxonomy.FoodAndDining });

        var second = ByDescription(await Transactions(user), TeaStallAgain).GetProperty("id").GetString();
        var body = await FeedbackAsync(user, new { transaction_id = second, merchant = "Chai corner", category = Taxonomy.FoodAndDining });
        Assert.Equal(2, body.GetProperty("transactions_renamed").GetInt32());

        await user.ImportAsync(IngestionClient.Row("2024-04-02", 45m, TeaStallLater));
        Assert.All(await Transactions(user), t => Assert.Equal("Chai corner", t.GetProperty("merchant").GetString()));
    }

    [Fact]
    public async Task The_users_renames_are_listed_newest_first_and_no_one_elses()
    {
        var user = new IngestionClient(_app, ScaleApp.NewUserId());
        var other = new IngestionClient(_app, ScaleApp.NewUserId());
        Assert.Equal(0, (await user.GetJsonAsync("/api/v1/categorization/merchants")).GetProperty("items").GetArrayLength());
        await user.ImportAsync(IngestionClient.Row("2024-03-05", 40m, TeaStall),
            IngestionClient.Row("2024-03-06", 420m, "UPI-BUNDL TECHNOLOGIES-BUNDLTECH@ICICI-ICIC0DC0099-410312345678-ORDER"));
        var rows = await Transactions(user);
        await FeedbackAsync(user, new { transaction_id = ByDescription(rows, TeaStall).GetProperty("id").GetString(), merchant = "Raju's chai", category = Taxonomy.FoodAndDining });
        var swiggy = rows.Single(r => r.GetProperty("merchant").GetString() == "Swiggy").GetProperty("id").GetString();
        await FeedbackAsync(user, new { transaction_id = swiggy, merchant = "Late-night food", category = Taxonomy.FoodAndDining });

        var items = (await user.GetJsonAsync("/api/v1/categorization/merchants")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(new string?[] { "Late-night food", "Raju's chai" }, items.Select(i => i.GetProperty("display_name").GetString()).ToArray());
        Assert.Equal("swiggy", items[0].GetProperty("merchant_key").GetString());
        Assert.True(items[0].GetProperty("updated_at").GetDateTime() >= items[1].GetProperty("updated_at").GetDateTime());
        Assert.Equal(0, (await other.GetJsonAsync("/api/v1/categorization/merchants")).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Feedback_giving_the_merchant_already_shown_renames_nothing()
    {
        var user = new IngestionClient(_app, ScaleApp.NewUserId());
        await user.ImportAsync(IngestionClient.Row("2024-03-05", 40m, TeaStall));
        var row = ByDescription(await Transactions(user), TeaStall);

        var body = await FeedbackAsync(user, new
        {
            transaction_id = row.GetProperty("id").GetString(),
            merchant = row.GetProperty("merchant").GetString(),
            category = Taxonomy.FoodAndDining,
        });
        Assert.Equal(JsonValueKind.Null, body.GetProperty("merchant").ValueKind);
        Assert.Equal(0, body.GetProperty("transactions_renamed").GetInt32());
        Assert.Equal(0, await user.CountAsync("merchant_overrides"));
    }

    [Fact]
    public async Task A_correction_on_a_row_shown_as_the_brand_applies_to_rows_printing_the_legal_entity()
    {
        var user = new IngestionClient(_app, ScaleApp.NewUserId());
        await user.ImportAsync(IngestionClient.Row("2024-03-05", 420m, "UPI-BUNDL TECHNOLOGIES-BUNDLTECH@ICICI-ICIC0DC0099-410312345678-ORDER"));
        var row = Assert.Single(await Transactions(user));
        Assert.Equal("Swiggy", row.GetProperty("merchant").GetString());

        // The user files their Swiggy orders under Entertainment (a category no model would give them).
        await FeedbackAsync(user, new { transaction_id = row.GetProperty("id").GetString(), category = Taxonomy.Entertainment });

        foreach (var narration in new[] { "UPI-BUNDL TECHNOLOGIES-BUNDLTECH@ICICI-ICIC0DC0099-410399999999-ORDER", "UPI/P2M/412345678999/SWIGGY/swiggy@ybl/Payment for order" })
        {
            var response = await _app.Client.SendAsync(_app.Request(HttpMethod.Post, "/api/v1/categorization/classify", user.UserId,
                ScaleApp.Json(new { description = narration })));
            var classified = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("rule", classified.GetProperty("source").GetString());
            Assert.Equal(Taxonomy.Entertainment, classified.GetProperty("category").GetString());
        }
    }

    private async Task<HttpResponseMessage> UndoAsync(IngestionClient user, string merchantKey) =>
        await _app.Client.SendAsync(_app.Request(HttpMethod.Delete, $"/api/v1/categorization/merchants/{Uri.EscapeDataString(merchantKey)}", user.UserId));

    private async Task<string> OnlyRenameKeyAsync(IngestionClient user) =>
        Assert.Single((await user.GetJsonAsync("/api/v1/categorization/merchants")).GetProperty("items").EnumerateArray().ToList())
            .GetProperty("merchant_key").GetString()!;

    [Fact]
    public async Task Undoing_a_rename_restores_the_renamed_rows_the_rows_imported_under_it_and_later_imports()
    {
        var user = new IngestionClient(_app, ScaleApp.NewUserId());
        await user.ImportAsync(IngestionClient.Row("2024-03-05", 40m, TeaStall), IngestionClient.Row("2024-03-06", 60m, TeaStallAgain),
            IngestionClient.Row("2024-03-06", 500m, "ATM WDL SBI ATM ANDHERI EAST MUMBAI"));
        var before = await Transactions(user);
        var shown = ByDescription(before, TeaStall).GetProperty("merchant").GetString();
        var atm = ByDescription(before, "ATM WDL SBI ATM ANDHERI EAST MUMBAI").GetProperty("merchant").GetString();
        await FeedbackAsync(user, new { transaction_id = ByDescription(before, TeaStall).GetProperty("id").GetString(), merchant = "Raju's chai", category = Taxonomy.FoodAndDining });
        await user.ImportAsync(IngestionClient.Row("2024-04-02", 45m, TeaStallLater));
        Assert.Equal("Raju's chai", ByDescription(await Transactions(user), TeaStallLater).GetProperty("merchant").GetString());
        var key = await OnlyRenameKeyAsync(user);

        using var response = await UndoAsync(user, key);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(key, body.GetProperty("merchant_key").GetString());
        Assert.Equal("Raju's chai", body.GetProperty("display_name").GetString());
        Assert.Equal(3, body.GetProperty("transactions_restored").GetInt32());

        var after = await Transactions(user);
        foreach (var narration in new[] { TeaStall, TeaStallAgain, TeaStallLater })
            Assert.Equal(shown, ByDescription(after, narration).GetProperty("merchant").GetString());
        Assert.Equal(atm, ByDescription(after, "ATM WDL SBI ATM ANDHERI EAST MUMBAI").GetProperty("merchant").GetString());
        Assert.Equal(0, await user.CountAsync("merchant_overrides"));
        // The category the feedback taught stays: only the name is undone.
        Assert.Equal(Taxonomy.FoodAndDining, ByDescription(after, TeaStall).GetProperty("category").GetString());

        const string NextVisit = "UPI/P2M/412345678904/RAJU TEA STALL/rajuteastall.62@hdfcbank/Payment";
        await user.ImportAsync(IngestionClient.Row("2024-05-02", 45m, NextVisit));
        Assert.Equal(shown, ByDescription(await Transactions(user), NextVisit).GetProperty("merchant").GetString());

        using var again = await UndoAsync(user, key);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task Undoing_a_rename_leaves_rows_that_show_the_same_name_for_another_reason()
    {
        var user = new IngestionClient(_app, ScaleApp.NewUserId());
        const string Swiggy = "UPI-BUNDL TECHNOLOGIES-BUNDLTECH@ICICI-ICIC0DC0099-410312345678-ORDER";
        const string Zomato = "UPI/P2M/412345678911/ZOMATO/zomato@hdfcbank/Payment";
        await user.ImportAsync(IngestionClient.Row("2024-03-05", 40m, TeaStall), IngestionClient.Row("2024-03-06", 420m, Swiggy),
            IngestionClient.Row("2024-03-07", 380m, Zomato));
        var rows = await Transactions(user);
        var teaStall = ByDescription(rows, TeaStall).GetProperty("merchant").GetString();
        var zomato = ByDescription(rows, Zomato).GetProperty("merchant").GetString();
        Assert.False(string.IsNullOrEmpty(zomato));

        // Two merchants given one name, and a third whose own name is that name.
        await FeedbackAsync(user, new { transaction_id = ByDescription(rows, TeaStall).GetProperty("id").GetString(), merchant = zomato, category = Taxonomy.FoodAndDining });
        await FeedbackAsync(user, new { transaction_id = ByDescription(rows, Swiggy).GetProperty("id").GetString(), merchant = zomato, category = Taxonomy.FoodAndDining });
        Assert.All(await Transactions(user), t => Assert.Equal(zomato, t.GetProperty("merchant").GetString()));

        using var response = await UndoAsync(user, MerchantKey.Of("Swiggy"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("transactions_restored").GetInt32());

        var after = await Transactions(user);
        Assert.Equal("Swiggy", ByDescription(after, Swiggy).GetProperty("merchant").GetString());
        Assert.Equal(zomato, ByDescription(after, TeaStall).GetProperty("merchant").GetString());
        Assert.Equal(zomato, ByDescription(after, Zomato).GetProperty("merchant").GetString());

        using var teaUndo = await UndoAsync(user, await OnlyRenameKeyAsync(user));
        Assert.Equal(1, (await teaUndo.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("transactions_restored").GetInt32());
        after = await Transactions(user);
        Assert.Equal(teaStall, ByDescription(after, TeaStall).GetProperty("merchant").GetString());
        Assert.Equal(zomato, ByDescription(after, Zomato).GetProperty("merchant").GetString());
    }

    [Fact]
    public async Task Another_users_rename_an_unknown_key_and_an_over_long_key_are_404_and_change_nothing()
    {
        var user = new IngestionClient(_app, ScaleApp.NewUserId());
        var other = new IngestionClient(_app, ScaleApp.NewUserId());
        await user.ImportAsync(IngestionClient.Row("2024-03-05", 40m, TeaStall));
        var row = Assert.Single(await Transactions(user));
        await FeedbackAsync(user, new { transaction_id = row.GetProperty("id").GetString(), merchant = "Raju's chai", category = Taxonomy.FoodAndDining });
        var key = await OnlyRenameKeyAsync(user);

        foreach (var (who, candidate) in new[] { (other, key), (user, "no such merchant"), (user, new string('a', 201)) })
        {
            using var response = await UndoAsync(who, candidate);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        Assert.Equal(key, await OnlyRenameKeyAsync(user));
        Assert.Equal("Raju's chai", Assert.Single(await Transactions(user)).GetProperty("merchant").GetString());
    }
}
