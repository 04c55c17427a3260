using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using Scale.Domain.Ingestion;
using Scale.Functions.Tests.Support;
using static Scale.Functions.Tests.Ingestion.IngestionClient;

namespace Scale.Functions.Tests.Ingestion;

/// <summary>
/// Issue 11 item 4: one set of row rules everywhere. A value Postgres cannot store rejects its row, not the import;
/// amounts are judged on their exact text; /parse reports the rows an import of the file would reject.
/// </summary>
[Collection(ScaleAppCollection.Name)]
public sealed class OneSetOfRowRulesTests(ScaleAppFixture fixture)
{
    private ScaleApp App => fixture.App;
    private IngestionClient NewUser() => new(App, ScaleApp.NewUserId());

    [Fact]
    public async Task A_raw_number_postgres_cannot_store_rejects_that_row_only()
    {
        var user = NewUser();
        // Written as text: no .NET number type can even hold 1e400000.
        const string body = """
            {"transactions":[
              {"date":"2024-01-05","amount":1,"type":"debit","description":"UPI-SWIGGY","raw":{"n":1e400000}},
              {"date":"2024-01-06","amount":2,"type":"debit","description":"UPI-ZOMATO","raw":{"n":[1, {"deep": 1e-16384}]}},
              {"date":"2024-01-07","amount":3,"type":"debit","description":"ATM WDL","raw":{"n":1e131071, "m":123.45e-16381}}
            ]}
            """;
        using var response = await PostRawImportAsync(user, body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, result.GetProperty("inserted").GetInt32());
        var rejected = result.GetProperty("rejected").EnumerateArray().ToList();
        Assert.Equal([0, 1], rejected.Select(r => r.GetProperty("index").GetInt32()));
        Assert.All(rejected, r => Assert.StartsWith("raw:", r.GetProperty("errors")[0].GetString()));
        Assert.Equal(1, await user.CountAsync());
    }

    [Theory]
    [InlineData("1.00000000000000000000000000001")] // beyond decimal's 28 digits: used to be rounded to 1.00 unseen
    [InlineData("1.005")]
    [InlineData("0.0001e1")] // 0.001
    [InlineData("12345678901234567890123456789012")]
    [InlineData("1e400")]
    public async Task An_amount_not_exactly_representable_at_2_decimals_is_rejected(string amount)
    {
        var user = NewUser();
        using var response = await PostRawImportAsync(user,
            $$"""{"transactions":[{"date":"2024-01-05","amount":{{amount}},"type":"debit","description":"x"},{"date":"2024-01-05","amount":1.50,"type":"debit","description":"y"}]}""");

        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, result.GetProperty("inserted").GetInt32());
        var rejected = Assert.Single(result.GetProperty("rejected").EnumerateArray());
        Assert.Equal(0, rejected.GetProperty("index").GetInt32());
        Assert.StartsWith("amount:", rejected.GetProperty("errors")[0].GetString());
    }

    [Theory]
    [InlineData("1.5e1")]
    [InlineData("1.10")]
    [InlineData("0.001e1")] // 0.01
    [InlineData("120.500000000000000000000000000000000")]
    public async Task An_exact_amount_in_any_json_spelling_is_accepted(string amount)
    {
        var user = NewUser();
        using var response = await PostRawImportAsync(user,
            $$"""{"transactions":[{"date":"2024-01-05","amount":{{amount}},"type":"debit","description":"x"}]}""");

        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, result.GetProperty("inserted").GetInt32());
    }

    [Fact]
    public async Task Parse_lists_the_rows_an_import_would_reject_instead_of_returning_them()
    {
        var user = NewUser();
        var file = Encoding.UTF8.GetBytes("date|narration|amount|reference\n01/03/2024|ATM withdrawal|-2,000.00|1\n01/01/0001|Ancient|-5.00|2\n01/01/9999|Future|-6.00|3\n");

        using var response = await user.ParseAsync(Form(file, "generic.csv"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        var rows = body.GetProperty("rows");
        Assert.Equal("2024-03-01", Assert.Single(rows.EnumerateArray()).GetProperty("date").GetString());
        var rejected = body.GetProperty("rejected").EnumerateArray().ToList();
        Assert.Equal(2, rejected.Count);
        Assert.All(rejected, r => Assert.StartsWith("date:", r.GetProperty("errors")[0].GetString()));
    }

    /// <summary>The limits are Postgres's, so they are checked against Postgres itself, at the boundaries.</summary>
    [Theory]
    [InlineData("1e131071")]
    [InlineData("1e131072")]
    [InlineData("0.1e131072")]
    [InlineData("1e-16383")]
    [InlineData("1e-16384")]
    [InlineData("123.45e-16381")]
    [InlineData("1.0e-16383")]
    [InlineData("1e400000")]
    [InlineData("-0.0e-400000")]
    [InlineData("0")]
    public async Task The_raw_number_rule_agrees_with_postgres(string number)
    {
        Assert.True(JsonNumberShape.TryRead(number, out var shape));
        await using var command = App.Database.CreateCommand("SELECT $1::jsonb");
        command.Parameters.Add(new NpgsqlParameter { Value = $$"""{"n":{{number}}}""" });
        bool stored;
        try { await command.ExecuteScalarAsync(); stored = true; }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.NumericValueOutOfRange) { stored = false; }
        Assert.Equal(stored, shape.FitsPostgresNumeric);
    }

    private async Task<HttpResponseMessage> PostRawImportAsync(IngestionClient user, string json) =>
        await App.Client.SendAsync(App.Request(HttpMethod.Post, "/api/v1/ingestion/import", user.UserId,
            new StringContent(json, Encoding.UTF8, "application/json")));
}
