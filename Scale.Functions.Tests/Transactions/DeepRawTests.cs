using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Scale.Domain.Ingestion;
using Scale.Functions.Tests.Ingestion;
using Scale.Functions.Tests.Support;

namespace Scale.Functions.Tests.Transactions;

/// <summary>
/// Issue 15 item 4: one depth limit for what is accepted and what is served. A raw object as deep as an import
/// accepts must list without error; one level deeper is rejected as that row's error, never stored.
/// </summary>
[Collection(ScaleAppCollection.Name)]
public sealed class DeepRawTests(ScaleAppFixture fixture)
{
    private ScaleApp App => fixture.App;

    /// <summary>{"level":{"level":...{"leaf":"x"}}} with <paramref name="depth"/> objects.</summary>
    private static string NestedRaw(int depth)
    {
        var sb = new StringBuilder();
        for (var i = 1; i < depth; i++) sb.Append("{\"level\":");
        sb.Append("{\"leaf\":\"x\"}");
        sb.Append('}', depth - 1);
        return sb.ToString();
    }

    private async Task<JsonElement> ImportRawAsync(IngestionClient user, int depth)
    {
        var json = $$"""{"transactions":[{"date":"2024-03-05","amount":10,"type":"debit","description":"DEEP RAW ROW","raw":{{NestedRaw(depth)}}}]}""";
        using var response = await App.Client.SendAsync(App.Request(HttpMethod.Post, "/api/v1/ingestion/import", user.UserId,
            new StringContent(json, Encoding.UTF8, "application/json")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task A_row_with_raw_at_the_accepted_depth_can_be_listed()
    {
        var user = new IngestionClient(App, ScaleApp.NewUserId());
        Assert.Equal(1, (await ImportRawAsync(user, DraftRules.MaxRawDepth)).GetProperty("inserted").GetInt32());

        var page = await user.GetJsonAsync("/api/v1/transactions");
        var raw = page.GetProperty("items")[0].GetProperty("raw");
        for (var i = 1; i < DraftRules.MaxRawDepth; i++) raw = raw.GetProperty("level");
        Assert.Equal("x", raw.GetProperty("leaf").GetString());
    }

    [Fact]
    public async Task A_raw_deeper_than_the_limit_rejects_its_row_only()
    {
        var user = new IngestionClient(App, ScaleApp.NewUserId());
        var result = await ImportRawAsync(user, DraftRules.MaxRawDepth + 1);
        Assert.Equal(0, result.GetProperty("inserted").GetInt32());
        var rejected = result.GetProperty("rejected")[0];
        Assert.Contains(rejected.GetProperty("errors").EnumerateArray(), e => e.GetString()!.StartsWith("raw:", StringComparison.Ordinal));
        Assert.Equal(0, await user.CountAsync());
    }
}
