using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Scale.Functions.Tests.Support;
using static Scale.Functions.Tests.Ingestion.IngestionClient;

namespace Scale.Functions.Tests.Ingestion;

/// <summary>
/// Issue 15 item 1: a statement longer than one request is sent in parts under one statement_key. Identical rows
/// (two ₹20 chai payments the same day) count over the whole statement, so splitting changes nothing and
/// re-sending inserts nothing.
/// </summary>
[Collection(ScaleAppCollection.Name)]
public sealed class StatementPartsTests(ScaleAppFixture fixture)
{
    private ScaleApp App => fixture.App;
    private IngestionClient NewUser() => new(App, ScaleApp.NewUserId());

    private static readonly object Chai = Row("2024-03-05", 20m, "UPI-CHAI POINT-CHAIPOINT@YBL");
    private static readonly object Rent = Row("2024-03-05", 25000m, "NEFT-LANDLORD-RENT MAR");

    private static async Task<JsonElement> PartAsync(IngestionClient user, string key, int offset, params object[] rows)
    {
        using var response = await user.PostImportAsync(new { transactions = rows, statement_key = key, statement_offset = offset });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<List<string>> FingerprintsAsync(IngestionClient user)
    {
        await using var cmd = App.Database.CreateCommand("SELECT fingerprint FROM transactions WHERE user_id = $1 ORDER BY fingerprint");
        cmd.Parameters.Add(new NpgsqlParameter { Value = user.UserId });
        await using var reader = await cmd.ExecuteReaderAsync();
        var list = new List<string>();
        while (await reader.ReadAsync()) list.Add(reader.GetString(0));
        return list;
    }

    [Fact]
    public async Task Identical_rows_split_across_two_requests_are_both_kept()
    {
        var user = NewUser();
        Assert.Equal(2, (await PartAsync(user, "hdfc-1234-2024-03", 0, Rent, Chai)).GetProperty("inserted").GetInt32());
        var second = await PartAsync(user, "hdfc-1234-2024-03", 2, Chai);
        Assert.Equal(1, second.GetProperty("inserted").GetInt32());
        Assert.Equal(3, await user.CountAsync());
    }

    [Fact]
    public async Task Splitting_a_statement_stores_exactly_what_one_request_stores()
    {
        object[] statement = [Chai, Rent, Chai, Chai, Rent];
        var whole = NewUser();
        await PartAsync(whole, "axis-2024", 0, statement);
        var split = NewUser();
        await PartAsync(split, "axis-2024", 0, statement[..2]);
        await PartAsync(split, "axis-2024", 2, statement[2..3]);
        await PartAsync(split, "axis-2024", 3, statement[3..]);

        Assert.Equal(5, await split.CountAsync());
        Assert.Equal(await FingerprintsAsync(whole), await FingerprintsAsync(split));
    }

    [Fact]
    public async Task Re_sending_the_parts_in_another_split_inserts_nothing()
    {
        var user = NewUser();
        object[] statement = [Chai, Chai, Rent, Chai];
        await PartAsync(user, "sbi-q1", 0, statement[..1]);
        await PartAsync(user, "sbi-q1", 1, statement[1..]);

        var again = await PartAsync(user, "sbi-q1", 0, statement[..3]);
        var rest = await PartAsync(user, "sbi-q1", 3, statement[3..]);
        Assert.Equal(0, again.GetProperty("inserted").GetInt32() + rest.GetProperty("inserted").GetInt32());
        Assert.Equal(4, await user.CountAsync());
    }

    [Fact]
    public async Task A_statement_overlapping_an_earlier_import_without_a_key_adds_only_the_extra_identical_row()
    {
        var user = NewUser();
        await user.ImportAsync(Chai); // the March statement, one chai
        await PartAsync(user, "quarter", 0, Rent, Chai);
        var part = await PartAsync(user, "quarter", 2, Chai); // the quarter shows the day's second chai
        Assert.Equal(1, part.GetProperty("inserted").GetInt32());
        Assert.Equal(3, await user.CountAsync());
    }

    [Fact]
    public async Task A_part_after_a_gap_is_409_and_imports_nothing()
    {
        var user = NewUser();
        await PartAsync(user, "gap", 0, Chai);
        using var response = await user.PostImportAsync(new { transactions = new[] { Rent }, statement_key = "gap", statement_offset = 5 });
        var problem = await response.AssertProblemAsync(409, "statement_gap");
        Assert.Contains("statement_offset 1", problem.GetProperty("detail").GetString());
        Assert.Equal(1, await user.CountAsync());
    }

    [Fact]
    public async Task A_position_re_sent_with_another_row_is_409_and_imports_nothing()
    {
        var user = NewUser();
        await PartAsync(user, "changed", 0, Chai, Rent);
        using var response = await user.PostImportAsync(new { transactions = new[] { Chai, Chai }, statement_key = "changed", statement_offset = 0 });
        await response.AssertProblemAsync(409, "statement_row_changed");
        Assert.Equal(2, await user.CountAsync());
    }

    [Fact]
    public async Task Statement_keys_are_per_user()
    {
        var alice = NewUser();
        var bob = NewUser();
        await PartAsync(alice, "shared-name", 0, Chai, Chai, Chai);
        // Bob's statement of the same name starts fresh: his first part at offset 0 is not a gap or a change.
        Assert.Equal(1, (await PartAsync(bob, "shared-name", 0, Rent)).GetProperty("inserted").GetInt32());
    }

    [Theory]
    [InlineData("""{"transactions": [], "statement_key": ""}""", "statement_key")]
    [InlineData("""{"transactions": [], "statement_key": 5}""", "statement_key")]
    [InlineData("""{"transactions": [], "statement_key": "k", "statement_offset": -1}""", "statement_offset")]
    [InlineData("""{"transactions": [], "statement_key": "k", "statement_offset": 1.5}""", "statement_offset")]
    [InlineData("""{"transactions": [], "statement_offset": 0}""", "statement_offset")]
    public async Task Malformed_statement_fields_are_400(string json, string field)
    {
        var user = NewUser();
        using var response = await App.Client.SendAsync(App.Request(HttpMethod.Post, "/api/v1/ingestion/import", user.UserId,
            new StringContent(json, System.Text.Encoding.UTF8, "application/json")));
        var problem = await response.AssertProblemAsync(400);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }
}
