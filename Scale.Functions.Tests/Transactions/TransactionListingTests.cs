using System.Net.Http.Json;
using System.Text.Json;
using Scale.Functions.Tests.Ingestion;
using Scale.Functions.Tests.Support;
using static Scale.Functions.Tests.Ingestion.IngestionClient;

namespace Scale.Functions.Tests.Transactions;

[Collection(ScaleAppCollection.Name)]
public sealed class TransactionListingTests(ScaleAppFixture fixture)
{
    private ScaleApp App => fixture.App;

    private async Task<IngestionClient> UserWithSampleAsync()
    {
        var user = new IngestionClient(App, ScaleApp.NewUserId());
        await user.ImportAsync(
            Row("2024-03-01", 349m, "UPI-SWIGGY-ORDER", merchant: "Swiggy", category: "Food & Dining"),
            Row("2024-03-02", 85000m, "NEFT CR-ACME SALARY", type: "credit", category: "Salary", raw: new Dictionary<string, string> { ["Narration"] = "NEFT CR-ACME SALARY" }),
            Row("2024-03-03", 180m, "UPI-CAFE COFFEE DAY", merchant: "Cafe Coffee Day"),
            Row("2024-03-05", 2000m, "ATW-MUMBAI CASH", category: "Cash Withdrawal"),
            Row("2024-03-06", 1299.5m, "AMAZON PAY 100%_OFF", merchant: "Amazon"));
        return user;
    }

    private static List<string> Descriptions(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("description").GetString()!).ToList();

    [Fact]
    public async Task Transactions_come_newest_first_in_the_contract_shape()
    {
        var user = await UserWithSampleAsync();
        var page = await user.GetJsonAsync("/api/v1/transactions");

        Assert.Equal(["AMAZON PAY 100%_OFF", "ATW-MUMBAI CASH", "UPI-CAFE COFFEE DAY", "NEFT CR-ACME SALARY", "UPI-SWIGGY-ORDER"], Descriptions(page));
        Assert.Equal(JsonValueKind.Null, page.GetProperty("next_cursor").ValueKind);
        var salary = page.GetProperty("items")[3];
        Assert.Equal(JsonValueKind.String, salary.GetProperty("id").ValueKind);
        Assert.Equal("2024-03-02", salary.GetProperty("date").GetString());
        Assert.Equal(85000m, salary.GetProperty("amount").GetDecimal());
        Assert.Equal("credit", salary.GetProperty("type").GetString());
        Assert.Equal("INR", salary.GetProperty("currency").GetString());
        Assert.Equal("Salary", salary.GetProperty("category").GetString());
        Assert.Equal("NEFT CR-ACME SALARY", salary.GetProperty("raw").GetProperty("Narration").GetString());
        foreach (var field in new[] { "merchant", "payment_method", "reference", "import_id", "upload_id", "created_at" })
            Assert.True(salary.TryGetProperty(field, out _), field);
    }

    [Theory]
    [InlineData("from=2024-03-03&to=2024-03-05", new[] { "ATW-MUMBAI CASH", "UPI-CAFE COFFEE DAY" })]
    [InlineData("min_amount=300&max_amount=2000", new[] { "AMAZON PAY 100%_OFF", "ATW-MUMBAI CASH", "UPI-SWIGGY-ORDER" })]
    [InlineData("category=cash%20withdrawal", new[] { "ATW-MUMBAI CASH" })]
    [InlineData("merchant=coffee", new[] { "UPI-CAFE COFFEE DAY" })]
    [InlineData("type=credit", new[] { "NEFT CR-ACME SALARY" })]
    [InlineData("q=swiggy", new[] { "UPI-SWIGGY-ORDER" })]
    [InlineData("q=amazon", new[] { "AMAZON PAY 100%_OFF" })]
    [InlineData("q=100%25_", new[] { "AMAZON PAY 100%_OFF" })]
    [InlineData("q=%25", new[] { "AMAZON PAY 100%_OFF" })]
    [InlineData("type=debit&min_amount=1000", new[] { "AMAZON PAY 100%_OFF", "ATW-MUMBAI CASH" })]
    public async Task Filters_select_exactly_the_matching_rows(string query, string[] expected)
    {
        var user = await UserWithSampleAsync();
        Assert.Equal(expected, Descriptions(await user.GetJsonAsync("/api/v1/transactions?" + query)));
    }

    [Fact]
    public async Task Cursor_pages_cover_every_row_once_without_gaps()
    {
        var user = new IngestionClient(App, ScaleApp.NewUserId());
        // Several rows per day so the (date, id) tie-break matters.
        var rows = Enumerable.Range(0, 137).Select(i => Row($"2024-06-{1 + (i % 9):00}", 10m + i, $"ROW-{i}")).ToArray();
        await user.ImportAsync(rows);

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await user.GetJsonAsync("/api/v1/transactions?limit=20" + (cursor is null ? "" : "&cursor=" + cursor));
            seen.AddRange(Descriptions(page));
            cursor = page.GetProperty("next_cursor").GetString();
            pages++;
        } while (cursor is not null);

        Assert.Equal(7, pages);
        Assert.Equal(137, seen.Count);
        Assert.Equal(137, seen.Distinct().Count());
        var all = Descriptions(await user.GetJsonAsync("/api/v1/transactions?limit=200"));
        Assert.Equal(all, seen);
    }

    [Fact]
    public async Task Another_users_transactions_and_cursors_are_never_usable()
    {
        var owner = await UserWithSampleAsync();
        var stranger = new IngestionClient(App, ScaleApp.NewUserId());
        Assert.Empty(Descriptions(await stranger.GetJsonAsync("/api/v1/transactions")));

        var cursor = (await owner.GetJsonAsync("/api/v1/transactions?limit=2")).GetProperty("next_cursor").GetString();
        using var borrowed = await App.Client.SendAsync(App.Request(HttpMethod.Get, "/api/v1/transactions?cursor=" + cursor, stranger.UserId));
        await borrowed.AssertProblemAsync(400, "validation_failed");
    }

    [Theory]
    [InlineData("type=transfer")]
    [InlineData("limit=0")]
    [InlineData("limit=201")]
    [InlineData("from=01-03-2024")]
    [InlineData("from=2024-03-05&to=2024-03-01")]
    [InlineData("min_amount=-1")]
    [InlineData("min_amount=abc")]
    [InlineData("cursor=bm90LWEtY3Vyc29y")]
    public async Task Bad_query_parameters_are_400(string query)
    {
        using var response = await App.Client.SendAsync(App.Request(HttpMethod.Get, "/api/v1/transactions?" + query, ScaleApp.NewUserId()));
        var problem = await response.AssertProblemAsync(400, "validation_failed");
        Assert.True(problem.GetProperty("errors").EnumerateObject().Any());
    }

    [Fact]
    public async Task A_tampered_cursor_is_400()
    {
        var user = await UserWithSampleAsync();
        var cursor = (await user.GetJsonAsync("/api/v1/transactions?limit=2")).GetProperty("next_cursor").GetString()!;
        var tampered = (cursor[5] == 'A' ? "B" : "A") is var c ? cursor[..5] + c + cursor[6..] : cursor;
        using var response = await App.Client.SendAsync(App.Request(HttpMethod.Get, "/api/v1/transactions?cursor=" + tampered, user.UserId));
        await response.AssertProblemAsync(400);
    }
}
