using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using Scale.Functions.Tests.Support;
using static Scale.Functions.Tests.Ingestion.IngestionClient;

namespace Scale.Functions.Tests.Ingestion;

[Collection(ScaleAppCollection.Name)]
public sealed class ImportTests(ScaleAppFixture fixture)
{
    private ScaleApp App => fixture.App;
    private IngestionClient NewUser() => new(App, ScaleApp.NewUserId());

    [Fact]
    public async Task Import_reports_exact_counts_for_valid_zero_and_invalid_rows()
    {
        var user = NewUser();
        var body = await user.ImportAsync(
            Row("2024-03-01", 349m, "UPI-SWIGGY"),
            Row("2024-03-02", 85000m, "SALARY MAR", type: "credit"),
            Row("2024-03-03", 0m, "ZERO VALUE MANDATE"),
            Row("2024-03-04", -5m, "NEGATIVE"));

        Assert.Equal(2, body.GetProperty("inserted").GetInt32());
        Assert.Equal(0, body.GetProperty("skipped_duplicates").GetInt32());
        Assert.Equal(1, body.GetProperty("skipped_zero_amount").GetInt32());
        var rejected = body.GetProperty("rejected").EnumerateArray().ToList();
        Assert.Equal(3, Assert.Single(rejected).GetProperty("index").GetInt32());
        Assert.Contains("amount", rejected[0].GetProperty("errors")[0].GetString());
        Assert.True(Guid.TryParse(body.GetProperty("import_id").GetString(), out _));
        Assert.Equal(2, await user.CountAsync());
        Assert.Equal(1, await user.CountAsync("imports"));
    }

    [Fact]
    public async Task Rows_with_wrong_json_types_are_rejected_by_index_and_never_block_valid_rows()
    {
        var user = NewUser();
        var json = """
            {"transactions": [
              {"date": "2024-03-01", "amount": 10.5, "type": "debit", "description": "OK ONE"},
              {"date": 20240301, "amount": "10", "type": "DEBIT", "description": 5},
              "not an object",
              {"date": "2024-02-30", "amount": 1.234, "type": "debit", "description": "BAD DATE AND DECIMALS"},
              {"date": "2024-03-01", "amount": 10, "type": "debit", "description": "UNKNOWN CATEGORY", "category": "Snacks"},
              {"date": "2024-03-01", "amount": 10, "type": "debit", "description": "NUL \u0000 INSIDE"},
              {"date": "2024-03-01", "amount": 10, "type": "debit", "description": "LONE \ud800 SURROGATE", "raw": {"\udc00": 1}},
              {"date": "2024-03-02", "amount": 20, "type": "credit", "description": "OK TWO", "raw": {"Narration": "OK TWO"}}
            ]}
            """;
        using var response = await App.Client.SendAsync(App.Request(HttpMethod.Post, "/api/v1/ingestion/import", user.UserId,
            new StringContent(json, Encoding.UTF8, "application/json")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        // An unknown category is not an error (issue 15): the classifier decides and raw keeps "Snacks".
        Assert.Equal(3, body.GetProperty("inserted").GetInt32());
        var rejected = body.GetProperty("rejected").EnumerateArray().ToDictionary(r => r.GetProperty("index").GetInt32(), r => r.GetProperty("errors"));
        Assert.Equal([1, 2, 3, 5, 6], rejected.Keys.Order());
        Assert.Equal(4, rejected[1].GetArrayLength()); // date, amount, type, description
        Assert.Equal(2, rejected[3].GetArrayLength()); // impossible date, 3 decimals
    }

    [Fact]
    public async Task Reimport_of_the_same_rows_inserts_nothing()
    {
        var user = NewUser();
        var rows = Enumerable.Range(1, 50).Select(i => Row("2024-04-01", i, $"UPI-MERCHANT-{i}")).ToArray();
        var first = await user.ImportAsync(rows);
        var second = await user.ImportAsync(rows);

        Assert.Equal(50, first.GetProperty("inserted").GetInt32());
        Assert.Equal(0, second.GetProperty("inserted").GetInt32());
        Assert.Equal(50, second.GetProperty("skipped_duplicates").GetInt32());
        Assert.Equal(50, await user.CountAsync());
    }

    [Fact]
    public async Task Two_identical_coffees_in_one_import_are_both_kept_and_not_duplicated_on_reimport()
    {
        var user = NewUser();
        var coffee = Row("2024-03-05", 180m, "UPI-CAFE COFFEE DAY");
        Assert.Equal(2, (await user.ImportAsync(coffee, coffee)).GetProperty("inserted").GetInt32());
        var again = await user.ImportAsync(coffee, coffee, coffee);
        Assert.Equal(1, again.GetProperty("inserted").GetInt32()); // the third coffee is new
        Assert.Equal(2, again.GetProperty("skipped_duplicates").GetInt32());
        Assert.Equal(3, await user.CountAsync());
    }

    [Fact]
    public async Task Concurrent_imports_of_the_same_rows_insert_each_row_once()
    {
        var user = NewUser();
        var rows = Enumerable.Range(0, 1000).Select(i => Row("2024-05-01", 100m + i, $"NEFT-PAYEE-{i % 10}")).ToArray();
        var results = await Task.WhenAll(user.ImportAsync(rows), user.ImportAsync(rows));

        Assert.Equal(1000, results.Sum(r => r.GetProperty("inserted").GetInt32()));
        Assert.Equal(1000, results.Sum(r => r.GetProperty("skipped_duplicates").GetInt32()));
        Assert.Equal(1000, await user.CountAsync());
    }

    [Fact]
    public async Task Rows_without_category_are_categorized_and_given_categories_are_normalized()
    {
        var user = NewUser();
        await user.ImportAsync(Row("2024-03-01", 10m, "ATM WDL SBI ATM ANDHERI EAST MUMBAI"), Row("2024-03-01", 20m, "SWIGGY ORDER", category: "food & dining"));
        await using var cmd = App.Database.CreateCommand("SELECT category FROM transactions WHERE user_id = $1 ORDER BY amount");
        cmd.Parameters.Add(new NpgsqlParameter { Value = user.UserId });
        await using var reader = await cmd.ExecuteReaderAsync();
        var categories = new List<string>();
        while (await reader.ReadAsync()) categories.Add(reader.GetString(0));
        Assert.Equal(["Cash Withdrawal", "Food & Dining"], categories);
    }

    [Fact]
    public async Task More_than_5000_rows_is_413_and_imports_nothing()
    {
        var user = NewUser();
        var rows = Enumerable.Range(0, 5001).Select(i => Row("2024-01-01", 1m, "X")).ToArray();
        using var response = await user.PostImportAsync(new { transactions = rows });
        await response.AssertProblemAsync(413, "too_many_rows");
        Assert.Equal(0, await user.CountAsync());
    }

    [Theory]
    [InlineData("not json at all", "malformed_json")]
    [InlineData("{\"rows\": []}", "validation_failed")]
    [InlineData("{\"transactions\": {}}", "validation_failed")]
    [InlineData("[1, 2]", "validation_failed")]
    public async Task A_body_without_a_transactions_array_is_400(string json, string code)
    {
        var user = NewUser();
        using var response = await App.Client.SendAsync(App.Request(HttpMethod.Post, "/api/v1/ingestion/import", user.UserId,
            new StringContent(json, Encoding.UTF8, "application/json")));
        await response.AssertProblemAsync(400, code);
    }

    [Theory]
    [InlineData("Foo\u0007bar")]
    [InlineData("Rent\u0000")]
    public async Task A_category_with_control_characters_rejects_its_row_by_index_naming_the_category(string category)
    {
        var user = NewUser();
        using var response = await user.PostImportAsync(new { transactions = new[] { Row("2024-01-01", 10m, "A"), Row("2024-01-02", 12m, "B", category: category) } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var rejected = Assert.Single(body.GetProperty("rejected").EnumerateArray());
        Assert.Equal(1, rejected.GetProperty("index").GetInt32());
        Assert.StartsWith("category:", rejected.GetProperty("errors")[0].GetString());
        Assert.Equal(1, await user.CountAsync());
    }

    [Fact]
    public async Task A_body_nested_past_the_depth_limit_is_400_saying_so_and_imports_nothing()
    {
        var user = NewUser();
        var raw = string.Concat(Enumerable.Repeat("{\"a\":", 45)) + "1" + new string('}', 45);
        var json = $"{{\"transactions\": [{{\"date\": \"2024-01-01\", \"amount\": 1, \"type\": \"debit\", \"description\": \"X\", \"raw\": {raw}}}]}}";
        using var response = await App.Client.SendAsync(App.Request(HttpMethod.Post, "/api/v1/ingestion/import", user.UserId,
            new StringContent(json, Encoding.UTF8, "application/json")));
        var problem = await response.AssertProblemAsync(400, "malformed_json");
        Assert.Contains("nested deeper than", problem.GetProperty("detail").GetString());
        Assert.Equal(0, await user.CountAsync());
    }

    [Fact]
    public async Task A_value_of_the_wrong_json_type_names_the_field_and_no_dotnet_type()
    {
        using var response = await App.Client.SendAsync(App.Request(HttpMethod.Post, "/api/v1/categorization/classify", ScaleApp.NewUserId(),
            new StringContent("{\"description\": \"SWIGGY\", \"amount\": \"12\"}", Encoding.UTF8, "application/json")));
        var detail = (await response.AssertProblemAsync(400, "malformed_json")).GetProperty("detail").GetString()!;
        Assert.Contains("$.amount", detail);
        Assert.DoesNotContain("System.", detail);
    }

    [Fact]
    public async Task A_non_json_body_is_415()
    {
        using var response = await App.Client.SendAsync(App.Request(HttpMethod.Post, "/api/v1/ingestion/import", ScaleApp.NewUserId(),
            new StringContent("date,amount", Encoding.UTF8, "text/csv")));
        await response.AssertProblemAsync(415);
    }
}
