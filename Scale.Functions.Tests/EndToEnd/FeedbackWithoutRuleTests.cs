using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Scale.Domain.Categorization;
using Scale.Functions.Tests.Ingestion;
using Scale.Functions.Tests.Support;
using static Scale.Functions.Tests.Ingestion.IngestionClient;

namespace Scale.Functions.Tests.EndToEnd;

/// <summary>
/// Issue 15 item 7: feedback by transaction_id recategorizes the transaction even when its narration has no
/// words to learn a rule from ("409812345678 / 0000123").
/// </summary>
[Collection(ScaleAppCollection.Name)]
public sealed class FeedbackWithoutRuleTests(ScaleAppFixture fixture)
{
    private ScaleApp App => fixture.App;

    [Fact]
    public async Task Feedback_on_a_wordless_transaction_updates_its_category_and_learns_no_rule()
    {
        var user = new IngestionClient(App, ScaleApp.NewUserId());
        await user.ImportAsync(Row("2024-03-05", 500m, "409812345678 / 0000123"));
        var id = (await user.GetJsonAsync("/api/v1/transactions")).GetProperty("items")[0].GetProperty("id").GetString();

        using var response = await App.Client.SendAsync(App.Request(HttpMethod.Post, "/api/v1/categorization/feedback", user.UserId,
            ScaleApp.Json(new { transaction_id = id, category = "Rent" })));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("transaction_updated").GetBoolean());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("rule_key").ValueKind);
        var listed = (await user.GetJsonAsync("/api/v1/transactions")).GetProperty("items")[0];
        Assert.Equal(Taxonomy.Rent, listed.GetProperty("category").GetString());
        Assert.Equal(0, await user.CountAsync("user_category_rules"));
    }

    [Fact]
    public async Task Feedback_with_only_a_wordless_description_is_still_a_400()
    {
        using var response = await App.Client.SendAsync(App.Request(HttpMethod.Post, "/api/v1/categorization/feedback", ScaleApp.NewUserId(),
            ScaleApp.Json(new { description = "409812345678 / 0000123", category = "Rent" })));
        var problem = await response.AssertProblemAsync(400);
        Assert.True(problem.GetProperty("errors").TryGetProperty("description", out _));
    }
}
