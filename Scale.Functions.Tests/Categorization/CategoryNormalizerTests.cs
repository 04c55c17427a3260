using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using Scale.Domain.Categorization;
using Scale.Functions.Tests.Ingestion;
using Scale.Functions.Tests.Support;
using static Scale.Functions.Tests.Ingestion.IngestionClient;

namespace Scale.Functions.Tests.Categorization;

/// <summary>
/// Issue 15 item 6: one category normalizer for every import path. Known names and aliases map to the taxonomy;
/// anything else is left to the classifier with the original kept in raw.
/// </summary>
[Collection(ScaleAppCollection.Name)]
public sealed class CategoryNormalizerTests(ScaleAppFixture fixture)
{
    private ScaleApp App => fixture.App;

    [Theory]
    [InlineData("groceries", Taxonomy.Groceries)]
    [InlineData("  GROCERY ", Taxonomy.Groceries)]
    [InlineData("food", Taxonomy.FoodAndDining)]
    [InlineData("Food and Dining", Taxonomy.FoodAndDining)]
    [InlineData("bills/utilities", Taxonomy.BillsAndUtilities)]
    [InlineData("EMI", Taxonomy.EmiAndLoans)]
    [InlineData("ATM", Taxonomy.CashWithdrawal)]
    [InlineData("Fees & Charges", Taxonomy.FeesAndCharges)]
    public void Known_names_and_aliases_map_to_the_taxonomy(string supplied, string expected) =>
        Assert.Equal(expected, CategoryNormalizer.Normalize(supplied));

    [Theory]
    [InlineData("Misc")]
    [InlineData("food court rent")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_left_to_the_classifier(string? supplied) => Assert.Null(CategoryNormalizer.Normalize(supplied));

    [Fact]
    public void Every_taxonomy_name_maps_to_itself() =>
        Assert.All(Taxonomy.All, name => Assert.Equal(name, CategoryNormalizer.Normalize(name.ToUpperInvariant())));

    private async Task<List<(string Description, string Category, string? RawCategory)>> StoredAsync(IngestionClient user)
    {
        await using var cmd = App.Database.CreateCommand(
            "SELECT description, category, raw_data->>'category' FROM transactions WHERE user_id = $1 ORDER BY description");
        cmd.Parameters.Add(new NpgsqlParameter { Value = user.UserId });
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<(string, string, string?)>();
        while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        return rows;
    }

    [Fact]
    public async Task Json_rows_with_aliases_are_stored_canonically_and_unknown_ones_are_classified_not_rejected()
    {
        var user = new IngestionClient(App, ScaleApp.NewUserId());
        var result = await user.ImportAsync(
            Row("2024-03-01", 20m, "A SWIGGY ORDER", category: "food"),
            Row("2024-03-01", 30m, "B BIGBASKET", category: "groceries"),
            Row("2024-03-01", 40m, "C ATM WDL SBI ATM ANDHERI EAST MUMBAI", category: "Household misc"));
        Assert.Equal(3, result.GetProperty("inserted").GetInt32());

        var rows = await StoredAsync(user);
        Assert.Equal(("A SWIGGY ORDER", Taxonomy.FoodAndDining, (string?)null), rows[0]);
        Assert.Equal(("B BIGBASKET", Taxonomy.Groceries, (string?)null), rows[1]);
        Assert.Equal(Taxonomy.CashWithdrawal, rows[2].Category);
        Assert.Equal("Household misc", rows[2].RawCategory);

        var filtered = await user.GetJsonAsync("/api/v1/transactions?category=groceries");
        Assert.Equal(1, filtered.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_statement_category_column_goes_through_the_same_normalizer()
    {
        var user = new IngestionClient(App, ScaleApp.NewUserId());
        var csv = Encoding.UTF8.GetBytes("""
            date,description,withdrawal,deposit,category
            01/03/2024,B BIGBASKET ORDER,30.00,,groceries
            02/03/2024,A ZOMATO ORDER,20.00,,food
            03/03/2024,C ATM WDL SBI ATM ANDHERI EAST MUMBAI,40.00,,Household misc
            """.Replace("\r", ""));
        using var parse = await user.ParseAsync(Form(csv, "generic.csv"));
        var parsed = await parse.Content.ReadFromJsonAsync<JsonElement>();
        var categories = parsed.GetProperty("rows").EnumerateArray()
            .Select(r => r.GetProperty("category").ValueKind == JsonValueKind.Null ? null : r.GetProperty("category").GetString()).ToList();
        Assert.Equal([Taxonomy.Groceries, Taxonomy.FoodAndDining, null], categories);

        using var upload = await user.UploadAsync(Form(csv, "generic.csv"));
        var accepted = await upload.Content.ReadFromJsonAsync<JsonElement>();
        await user.WaitForUploadAsync(accepted.GetProperty("upload_id").GetString()!);
        var rows = await StoredAsync(user);
        Assert.Equal([Taxonomy.FoodAndDining, Taxonomy.Groceries, Taxonomy.CashWithdrawal], rows.Select(r => r.Category));
    }
}
