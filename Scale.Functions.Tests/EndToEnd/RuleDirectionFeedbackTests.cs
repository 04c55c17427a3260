using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Scale.Domain.Categorization;
using Scale.Functions.Tests.Ingestion;
using Scale.Functions.Tests.Support;
using static Scale.Functions.Tests.Ingestion.IngestionClient;

namespace Scale.Functions.Tests.EndToEnd;

/// <summary>
/// Feedback teaches a rule for the corrected row's direction (category_rules_by_direction, migration 0017): the
/// user's later Swiggy payments follow it, Swiggy's refunds stay with the model. A correction by description is
/// for the type it names, or for both; rules stored before directions were kept apply to both.
/// </summary>
[Collection(ScaleAppCollection.Name)]
public sealed class RuleDirectionFeedbackTests(ScaleAppFixture fixture)
{
    private readonly ScaleApp _app = fixture.App;

    private const string Payment = "UPI/P2M/412345678971/SWIGGY/swiggy@ybl/Payment for order";
    private const string LaterPayment = "UPI/P2M/412345678972/SWIGGY/swiggy@ybl/Payment for order";
    private const string LaterRefund = "UPI/P2M/412345678973/SWIGGY/swiggy@ybl/Refund for order";

    private Task<JsonElement> PostAsync(string userId, string path, object body) => _app.OkAsync(HttpMethod.Post, path, userId, body);

    private async Task<(string Category, string Source)> ClassifyAsync(string userId, string description, string? type) =>
        await PostAsync(userId, "/api/v1/categorization/classify", new { description, type }) is var body
            ? (body.GetProperty("category").GetString()!, body.GetProperty("source").GetString()!) : default;

    private async Task<List<(string Direction, string Category)>> RulesAsync(string userId)
    {
        await using var connection = await _app.Database.OpenConnectionAsync();
        return (await connection.QueryAsync<(string, string)>(
            "SELECT direction, category FROM user_category_rules WHERE user_id = @userId ORDER BY direction", new { userId })).ToList();
    }

    [Fact]
    public async Task Feedback_on_a_payment_teaches_later_payments_and_leaves_the_merchants_refunds_to_the_model()
    {
        var user = new IngestionClient(_app, ScaleApp.NewUserId());
        await user.ImportAsync(Row("2024-03-05", 420m, Payment));
        var id = (await user.GetJsonAsync("/api/v1/transactions")).GetProperty("items")[0].GetProperty("id").GetString();

        var feedback = await PostAsync(user.UserId, "/api/v1/categorization/feedback", new { transaction_id = id, category = Taxonomy.Entertainment });
        Assert.Equal("debit", feedback.GetProperty("rule_direction").GetString());
        await user.ImportAsync(Row("2024-03-09", 380m, LaterPayment), Row("2024-03-10", 380m, LaterRefund, type: "credit"));

        var rows = (await user.GetJsonAsync("/api/v1/transactions?limit=10")).GetProperty("items").EnumerateArray()
            .ToDictionary(t => t.GetProperty("description").GetString()!,
                t => (Category: t.GetProperty("category").GetString(), Source: t.GetProperty("category_source").GetString()));
        Assert.Equal((Taxonomy.Entertainment, ClassificationSources.Rule), rows[LaterPayment]);
        Assert.NotEqual(ClassificationSources.Rule, rows[LaterRefund].Source);
        Assert.NotEqual(Taxonomy.Entertainment, rows[LaterRefund].Category);
        // A classify call that names no type takes the only direction the user taught.
        Assert.Equal((Taxonomy.Entertainment, ClassificationSources.Rule), await ClassifyAsync(user.UserId, LaterPayment, null));
        Assert.NotEqual(ClassificationSources.Rule, (await ClassifyAsync(user.UserId, LaterRefund, "credit")).Source);
    }

    [Fact]
    public async Task A_correction_by_description_is_for_the_type_it_names_and_one_for_both_replaces_it()
    {
        var userId = ScaleApp.NewUserId();
        var credit = await PostAsync(userId, "/api/v1/categorization/feedback", new { description = LaterRefund, type = "credit", category = Taxonomy.Refunds });
        Assert.Equal("credit", credit.GetProperty("rule_direction").GetString());
        Assert.Equal((Taxonomy.Refunds, ClassificationSources.Rule), await ClassifyAsync(userId, LaterRefund, "credit"));
        Assert.NotEqual(ClassificationSources.Rule, (await ClassifyAsync(userId, LaterPayment, "debit")).Source);

        var both = await PostAsync(userId, "/api/v1/categorization/feedback", new { description = LaterPayment, category = Taxonomy.Groceries });
        Assert.Equal("any", both.GetProperty("rule_direction").GetString());
        Assert.Equal([("any", Taxonomy.Groceries)], await RulesAsync(userId));
        Assert.Equal((Taxonomy.Groceries, ClassificationSources.Rule), await ClassifyAsync(userId, LaterRefund, "credit"));
        Assert.Equal((Taxonomy.Groceries, ClassificationSources.Rule), await ClassifyAsync(userId, LaterPayment, "debit"));
    }

    [Fact]
    public async Task A_rule_stored_before_directions_were_kept_applies_to_both()
    {
        var userId = ScaleApp.NewUserId();
        await using (var connection = await _app.Database.OpenConnectionAsync())
            await connection.ExecuteAsync("INSERT INTO category_rules(user_id, rule_key, category) VALUES (@userId, 'swiggy', @category)",
                new { userId, category = Taxonomy.Shopping });

        Assert.Equal((Taxonomy.Shopping, ClassificationSources.Rule), await ClassifyAsync(userId, LaterPayment, "debit"));
        Assert.Equal((Taxonomy.Shopping, ClassificationSources.Rule), await ClassifyAsync(userId, LaterRefund, "credit"));
    }

    [Fact]
    public async Task A_type_other_than_debit_or_credit_is_a_400_and_stores_nothing()
    {
        var userId = ScaleApp.NewUserId();
        using var response = await _app.Client.SendAsync(_app.Request(HttpMethod.Post, "/api/v1/categorization/feedback", userId,
            ScaleApp.Json(new { description = LaterPayment, type = "refund", category = Taxonomy.Refunds })));

        var problem = await response.AssertProblemAsync(400);
        Assert.True(problem.GetProperty("errors").TryGetProperty("type", out _));
        Assert.Empty(await RulesAsync(userId));
    }
}
