using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Scale.Domain.Categorization;
using Scale.Domain.Ingestion;
using Scale.Domain.Transactions;
using Scale.Functions.Tests.Ingestion;
using Scale.Functions.Tests.Support;
using static Scale.Functions.Tests.Ingestion.IngestionClient;

namespace Scale.Functions.Tests.EndToEnd;

/// <summary>
/// GET /categorization/rules lists what the user's feedback taught; DELETE /categorization/rules/{rule_key} forgets a
/// rule, and the rows whose category it chose get what SCALE answers without it. Rows the user corrected keep theirs.
/// </summary>
[Collection(ScaleAppCollection.Name)]
public sealed class CategoryRuleManagementTests(ScaleAppFixture fixture)
{
    private readonly ScaleApp _app = fixture.App;

    private const string Corrected = "UPI/P2M/412345678981/SWIGGY/swiggy@ybl/Payment for order";
    private const string Other = "UPI/P2M/412345678982/SWIGGY/swiggy@ybl/Payment for order";
    private const string Person = "IMPS-412345678983-SURESH NAIK-HDFC-XXXXXXXX1234-NA";

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string userId, object? body = null) =>
        _app.SendAsUserAsync(method, path, userId, body);

    private Task<JsonElement> OkAsync(HttpMethod method, string path, string userId, object? body = null) =>
        _app.OkAsync(method, path, userId, body);

    private static async Task<Dictionary<string, (string Id, string? Category, string? Source)>> RowsAsync(IngestionClient user) =>
        (await user.GetJsonAsync("/api/v1/transactions?limit=50")).GetProperty("items").EnumerateArray()
            .ToDictionary(t => t.GetProperty("description").GetString()!, t => (t.GetProperty("id").GetString()!,
                t.GetProperty("category").GetString(), t.GetProperty("category_source").GetString()));

    [Fact]
    public async Task Deleting_a_rule_gives_the_rows_it_categorized_the_models_answer_and_leaves_the_corrected_row()
    {
        var user = new IngestionClient(_app, ScaleApp.NewUserId());
        await user.ImportAsync(Row("2024-03-05", 420m, Corrected), Row("2024-03-06", 380m, Other));
        var before = await RowsAsync(user);
        Assert.Equal(ClassificationSources.Model, before[Other].Source);
        await OkAsync(HttpMethod.Post, "/api/v1/categorization/feedback", user.UserId, new { transaction_id = before[Corrected].Id, category = Taxonomy.Entertainment });
        Assert.Equal((Taxonomy.Entertainment, ClassificationSources.Rule), ((await RowsAsync(user))[Other].Category, (await RowsAsync(user))[Other].Source));

        var listed = (await OkAsync(HttpMethod.Get, "/api/v1/categorization/rules", user.UserId)).GetProperty("items");
        var rule = Assert.Single(listed.EnumerateArray());
        Assert.Equal("swiggy", rule.GetProperty("rule_key").GetString());
        Assert.Equal("debit", rule.GetProperty("direction").GetString());
        Assert.Equal(Taxonomy.Entertainment, rule.GetProperty("category").GetString());

        var deleted = await OkAsync(HttpMethod.Delete, "/api/v1/categorization/rules/swiggy", user.UserId);
        Assert.Equal(1, deleted.GetProperty("transactions_recategorized").GetInt32());
        Assert.Equal("debit", Assert.Single(deleted.GetProperty("deleted").EnumerateArray()).GetProperty("direction").GetString());
        var after = await RowsAsync(user);
        Assert.Equal((before[Other].Category, ClassificationSources.Model), (after[Other].Category, after[Other].Source));
        Assert.Equal((Taxonomy.Entertainment, "feedback"), (after[Corrected].Category, after[Corrected].Source));
        Assert.Empty((await OkAsync(HttpMethod.Get, "/api/v1/categorization/rules", user.UserId)).GetProperty("items").EnumerateArray());
        var classified = await OkAsync(HttpMethod.Post, "/api/v1/categorization/classify", user.UserId, new { description = Other, type = "debit" });
        Assert.Equal(ClassificationSources.Model, classified.GetProperty("source").GetString());
    }

    [Fact]
    public async Task A_rule_for_one_direction_is_deleted_alone_and_a_key_with_spaces_is_addressed_url_encoded()
    {
        var userId = ScaleApp.NewUserId();
        await OkAsync(HttpMethod.Post, "/api/v1/categorization/feedback", userId, new { description = Person, type = "debit", category = Taxonomy.Rent });
        await OkAsync(HttpMethod.Post, "/api/v1/categorization/feedback", userId, new { description = Person, type = "credit", category = Taxonomy.Salary });

        var deleted = await OkAsync(HttpMethod.Delete, "/api/v1/categorization/rules/suresh%20naik?direction=credit", userId);
        Assert.Equal(Taxonomy.Salary, Assert.Single(deleted.GetProperty("deleted").EnumerateArray()).GetProperty("category").GetString());
        var left = Assert.Single((await OkAsync(HttpMethod.Get, "/api/v1/categorization/rules", userId)).GetProperty("items").EnumerateArray());
        Assert.Equal(("suresh naik", "debit"), (left.GetProperty("rule_key").GetString(), left.GetProperty("direction").GetString()));
    }

    [Fact]
    public async Task Deleting_a_key_without_a_direction_forgets_its_rules_for_both_and_recategorizes_rows_of_both()
    {
        var user = new IngestionClient(_app, ScaleApp.NewUserId());
        const string Refund = "UPI/P2M/412345678984/SWIGGY/swiggy@ybl/Refund for order";
        await OkAsync(HttpMethod.Post, "/api/v1/categorization/feedback", user.UserId, new { description = Other, category = Taxonomy.Groceries });
        await OkAsync(HttpMethod.Post, "/api/v1/categorization/feedback", user.UserId, new { description = Other, type = "debit", category = Taxonomy.Entertainment });
        await user.ImportAsync(Row("2024-03-05", 420m, Corrected), Row("2024-03-06", 420m, Refund, type: "credit"));
        var before = await RowsAsync(user);
        Assert.Equal((Taxonomy.Entertainment, ClassificationSources.Rule), (before[Corrected].Category, before[Corrected].Source));
        Assert.Equal((Taxonomy.Groceries, ClassificationSources.Rule), (before[Refund].Category, before[Refund].Source));

        // "Debit" is not a stored direction: a 400, not a 404 for a rule that exists.
        using (var wrongCase = await SendAsync(HttpMethod.Delete, "/api/v1/categorization/rules/swiggy?direction=Debit", user.UserId))
            await wrongCase.AssertProblemAsync(400);
        var deleted = await OkAsync(HttpMethod.Delete, "/api/v1/categorization/rules/swiggy", user.UserId);

        Assert.Equal(["any", "debit"], deleted.GetProperty("deleted").EnumerateArray().Select(d => d.GetProperty("direction").GetString()).Order());
        Assert.Equal(2, deleted.GetProperty("transactions_recategorized").GetInt32());
        var after = await RowsAsync(user);
        Assert.All(after.Values, row => Assert.NotEqual(ClassificationSources.Rule, row.Source));
    }

    [Fact]
    public async Task Deleting_a_rule_stored_under_the_merchant_as_printed_recategorizes_the_rows_it_matched()
    {
        var user = new IngestionClient(_app, ScaleApp.NewUserId());
        const string Bundl = "UPI-BUNDL TECHNOLOGIES-BUNDLTECH@ICICI-ICIC0DC0099-410312345685-ORDER";
        // Rules stored before merchants were keyed by brand are under the name as printed ("bundl technologies",
        // Swiggy's legal entity); the row shows the brand.
        await using (var connection = await _app.Database.OpenConnectionAsync())
            await connection.ExecuteAsync("INSERT INTO category_rules(user_id, rule_key, category) VALUES (@userId, 'bundl technologies', @category)",
                new { userId = user.UserId, category = Taxonomy.Shopping });
        await user.ImportAsync(Row("2024-03-05", 350m, Bundl));
        Assert.Equal((Taxonomy.Shopping, ClassificationSources.Rule), ((await RowsAsync(user))[Bundl].Category, (await RowsAsync(user))[Bundl].Source));

        var deleted = await OkAsync(HttpMethod.Delete, "/api/v1/categorization/rules/bundl%20technologies", user.UserId);

        Assert.Equal(1, deleted.GetProperty("transactions_recategorized").GetInt32());
        Assert.NotEqual(ClassificationSources.Rule, (await RowsAsync(user))[Bundl].Source);
    }

    [Fact]
    public async Task A_row_another_rule_gives_the_same_category_is_not_counted_as_recategorized()
    {
        var user = new IngestionClient(_app, ScaleApp.NewUserId());
        await OkAsync(HttpMethod.Post, "/api/v1/categorization/feedback", user.UserId, new { description = Other, category = Taxonomy.Groceries });
        await OkAsync(HttpMethod.Post, "/api/v1/categorization/feedback", user.UserId, new { description = Other, type = "debit", category = Taxonomy.Groceries });
        await user.ImportAsync(Row("2024-03-05", 420m, Corrected));

        var deleted = await OkAsync(HttpMethod.Delete, "/api/v1/categorization/rules/swiggy?direction=debit", user.UserId);

        Assert.Equal(0, deleted.GetProperty("transactions_recategorized").GetInt32());
        Assert.Equal((Taxonomy.Groceries, ClassificationSources.Rule), ((await RowsAsync(user))[Corrected].Category, (await RowsAsync(user))[Corrected].Source));
    }

    [Theory]
    [InlineData(EnricherGate.FirstChunk)]
    [InlineData(EnricherGate.AfterPrepare)]
    public async Task A_rule_deleted_while_an_import_runs_leaves_none_of_the_imports_rows_with_it(EnricherGate gate)
    {
        var user = new IngestionClient(_app, ScaleApp.NewUserId());
        await OkAsync(HttpMethod.Post, "/api/v1/categorization/feedback", user.UserId, new { description = Other, type = "debit", category = Taxonomy.Entertainment });
        var rows = Enumerable.Range(0, 5).Select(i => new ImportCandidate(i, new TransactionDraft
        {
            Date = new DateOnly(2024, 5, 1).AddDays(i), Amount = 300m + i, Type = TransactionType.Debit,
            Description = $"UPI/P2M/41234567{i:D4}/SWIGGY/swiggy@ybl/Payment for order",
        })).ToList();
        var (gated, import) = await GatedEnricher.StartHeldImportAsync(_app, user.UserId, gate, rows);

        // Held at the first chunk, the import holds the user's lock and categorizes with the rule: the delete waits,
        // then recategorizes its rows. Held after reading the rules, it reads them again once the rule is gone.
        var deleted = await gated.RaceAsync(_app.Database, OkAsync(HttpMethod.Delete, "/api/v1/categorization/rules/swiggy", user.UserId));
        Assert.Equal(gate == EnricherGate.FirstChunk ? 5 : 0, deleted.GetProperty("transactions_recategorized").GetInt32());
        Assert.Equal(5, (await import).Inserted);
        Assert.Equal(gate == EnricherGate.AfterPrepare ? 2 : 1, gated.Prepared);
        Assert.All((await RowsAsync(user)).Values, row => Assert.NotEqual(ClassificationSources.Rule, row.Source));
    }

    [Fact]
    public async Task A_rule_the_user_does_not_have_is_404_and_a_bad_direction_is_400_and_nothing_is_deleted()
    {
        var owner = ScaleApp.NewUserId();
        await OkAsync(HttpMethod.Post, "/api/v1/categorization/feedback", owner, new { description = Corrected, type = "debit", category = Taxonomy.Groceries });

        using (var otherUser = await SendAsync(HttpMethod.Delete, "/api/v1/categorization/rules/swiggy", ScaleApp.NewUserId()))
            await otherUser.AssertProblemAsync(404);
        using (var otherDirection = await SendAsync(HttpMethod.Delete, "/api/v1/categorization/rules/swiggy?direction=credit", owner))
            await otherDirection.AssertProblemAsync(404);
        using (var badDirection = await SendAsync(HttpMethod.Delete, "/api/v1/categorization/rules/swiggy?direction=refund", owner))
            Assert.True((await badDirection.AssertProblemAsync(400)).GetProperty("errors").TryGetProperty("direction", out _));
        using (var tooLong = await SendAsync(HttpMethod.Delete, "/api/v1/categorization/rules/" + new string('a', 201), owner))
            await tooLong.AssertProblemAsync(404);
        // A control character is a key no rule (and no rename) has. (A NUL never reaches the app: the server
        // rejects the request line.)
        foreach (var path in new[] { "/api/v1/categorization/rules/swig%01gy", "/api/v1/categorization/merchants/swig%01gy" })
            using (var control = await SendAsync(HttpMethod.Delete, path, owner))
                await control.AssertProblemAsync(404);

        await using var connection = await _app.Database.OpenConnectionAsync();
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM user_category_rules WHERE user_id = @owner", new { owner }));
    }
}
