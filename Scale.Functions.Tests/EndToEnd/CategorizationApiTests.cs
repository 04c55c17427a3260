using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Scale.Domain.Categorization;
using Scale.Functions.Tests.Support;

namespace Scale.Functions.Tests.EndToEnd;

[Collection(ScaleAppCollection.Name)]
public class CategorizationApiTests(ScaleAppFixture fixture)
{
    private readonly ScaleApp _app = fixture.App;

    private async Task<JsonElement> Classify(string user, object body)
    {
        var response = await _app.Client.SendAsync(_app.Request(HttpMethod.Post, "/api/v1/categorization/classify", user, ScaleApp.Json(body)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private Task<HttpResponseMessage> Post(string path, string user, object body) =>
        _app.Client.SendAsync(_app.Request(HttpMethod.Post, path, user, ScaleApp.Json(body)));

    [Fact]
    public async Task Categories_are_the_default_taxonomy_in_order()
    {
        var response = await _app.Client.SendAsync(_app.Request(HttpMethod.Get, "/api/v1/categorization/categories", ScaleApp.NewUserId()));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(Taxonomy.All, body.GetProperty("categories").EnumerateArray().Select(c => c.GetString()!).ToList());
    }

    [Fact]
    public async Task Classify_answers_with_category_confidence_source_version_alternatives_and_explanation()
    {
        var body = await Classify(ScaleApp.NewUserId(), new { description = "UPI/P2M/412345678901/SWIGGY/swiggy@ybl/Payment for order", amount = 420.50, type = "debit" });

        Assert.Equal(Taxonomy.FoodAndDining, body.GetProperty("category").GetString());
        Assert.Equal("model", body.GetProperty("source").GetString());
        Assert.InRange(body.GetProperty("confidence").GetDouble(), 0, 1);
        Assert.False(string.IsNullOrEmpty(body.GetProperty("model_version").GetString()));
        Assert.False(string.IsNullOrEmpty(body.GetProperty("explanation").GetString()));
        Assert.False(body.TryGetProperty("detected_merchant", out _)); // internal to imports, not the contract
        var confidences = body.GetProperty("alternatives").EnumerateArray().Select(a => a.GetProperty("confidence").GetDouble()).ToList();
        Assert.NotEmpty(confidences);
        Assert.Equal(confidences.OrderByDescending(c => c), confidences);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Empty_description_is_a_400_naming_the_field(string description)
    {
        var response = await Post("/api/v1/categorization/classify", ScaleApp.NewUserId(), new { description });
        var problem = await response.AssertProblemAsync(400, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("description", out _));
    }

    [Fact]
    public async Task Huge_description_is_a_400()
    {
        var response = await Post("/api/v1/categorization/classify", ScaleApp.NewUserId(), new { description = new string('A', 5000) });
        await response.AssertProblemAsync(400, "validation_failed");
    }

    [Theory]
    [InlineData("स्विगी खाना ऑर्डर UPI")]
    [InlineData("☕☕ coffee 🎉")]
    [InlineData("零售 购物")]
    public async Task Non_latin_descriptions_are_classified_not_rejected(string description)
    {
        var body = await Classify(ScaleApp.NewUserId(), new { description });
        Assert.Contains(body.GetProperty("category").GetString(), Taxonomy.All);
    }

    [Fact]
    public async Task Amount_as_a_string_is_a_400_naming_the_field()
    {
        var response = await _app.Client.SendAsync(_app.Request(HttpMethod.Post, "/api/v1/categorization/classify", ScaleApp.NewUserId(),
            new StringContent("{\"description\":\"ATM WDL\",\"amount\":\"500\"}", Encoding.UTF8, "application/json")));
        var problem = await response.AssertProblemAsync(400, "malformed_json");
        Assert.Contains("amount", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Batch_preserves_order_and_matches_single_classification()
    {
        var user = ScaleApp.NewUserId();
        var narrations = new[]
        {
            "ATM WDL SBI ATM ANDHERI E MUMBAI", "NEFT CR-HDFC0000001-ACME TECHNOLOGIES PVT LTD-SALARY NOV",
            "POS 4591XXXXXXXX1234 INDIAN OIL PETROL PUMP", "ACH D- BAJAJ FINANCE LTD-EMI 0042", "UPI/NETFLIX/netflix@hdfcbank/subscription",
        };
        var response = await Post("/api/v1/categorization/classify/batch", user, new { transactions = narrations.Select(d => new { description = d }) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(narrations.Length, results.Count);
        for (var i = 0; i < narrations.Length; i++)
        {
            var single = await Classify(user, new { description = narrations[i] });
            Assert.Equal(single.GetProperty("category").GetString(), results[i].GetProperty("category").GetString());
            Assert.Equal(single.GetProperty("confidence").GetDouble(), results[i].GetProperty("confidence").GetDouble(), 6);
        }
    }

    [Fact]
    public async Task Batch_over_1000_is_a_413()
    {
        var response = await Post("/api/v1/categorization/classify/batch", ScaleApp.NewUserId(),
            new { transactions = Enumerable.Range(0, 1001).Select(i => new { description = "UPI/ZOMATO/" + i }) });
        await response.AssertProblemAsync(413, "payload_too_large");
    }

    [Fact]
    public async Task Batch_item_errors_name_their_index()
    {
        var response = await Post("/api/v1/categorization/classify/batch", ScaleApp.NewUserId(),
            new { transactions = new object[] { new { description = "UPI/ZOMATO" }, new { description = "" }, new { description = "x", type = "sideways" } } });
        var problem = await response.AssertProblemAsync(400, "validation_failed");
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("transactions[1].description", out _));
        Assert.True(errors.TryGetProperty("transactions[2].type", out _));
    }

    [Fact]
    public async Task Feedback_becomes_a_rule_that_wins_from_the_next_call_for_that_user_only()
    {
        var asha = ScaleApp.NewUserId();
        var ravi = ScaleApp.NewUserId();
        const string narration = "UPI/P2A/412399887766/RAMESH KUMAR/ramesh.k@okaxis/monthly";

        var before = await Classify(asha, new { description = narration });
        var feedback = await Post("/api/v1/categorization/feedback", asha, new { description = narration, category = "rent" });
        Assert.Equal(HttpStatusCode.OK, feedback.StatusCode);
        var stored = await feedback.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(Taxonomy.Rent, stored.GetProperty("category").GetString());

        var after = await Classify(asha, new { description = "UPI/P2A/412300001111/RAMESH KUMAR/ramesh.k@okaxis/june" });
        Assert.Equal(Taxonomy.Rent, after.GetProperty("category").GetString());
        Assert.Equal("rule", after.GetProperty("source").GetString());
        Assert.Equal(1.0, after.GetProperty("confidence").GetDouble());

        var other = await Classify(ravi, new { description = narration });
        Assert.NotEqual("rule", other.GetProperty("source").GetString());
        Assert.Equal(before.GetProperty("category").GetString(), other.GetProperty("category").GetString());

        await using var cmd = _app.Database.CreateCommand("SELECT count(*) FROM labelled_examples WHERE user_id = $1 AND category = 'Rent'");
        cmd.Parameters.AddWithValue(asha);
        Assert.Equal(1L, await cmd.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Feedback_with_an_unknown_category_is_a_400()
    {
        var response = await Post("/api/v1/categorization/feedback", ScaleApp.NewUserId(), new { description = "UPI/ZOMATO", category = "Snacks" });
        var problem = await response.AssertProblemAsync(400, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("category", out _));
    }

    [Fact]
    public async Task Feedback_on_a_transaction_that_is_not_yours_is_a_404()
    {
        var response = await Post("/api/v1/categorization/feedback", ScaleApp.NewUserId(), new { transaction_id = "987654321", category = "Rent" });
        await response.AssertProblemAsync(404, "not_found");
    }
}
