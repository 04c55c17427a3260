using System.Net;
using Scale.Functions.Tests.Support;
using static Scale.Functions.Tests.Ingestion.IngestionClient;

namespace Scale.Functions.Tests.Ingestion;

/// <summary>
/// Issue 15 item 8: an import holds one pooled connection, never two (the user's rules are read before the import
/// opens its own), so imports cannot starve each other: with a pool of one they simply take turns.
/// </summary>
public sealed class ConnectionPoolTests
{
    [Fact]
    public async Task Concurrent_imports_complete_with_a_pool_of_one_connection()
    {
        await using var app = await ScaleApp.StartAsync(
            new Dictionary<string, string?> { ["Categorization:RefreshSeconds"] = "3600", ["Anomaly:RecomputeSeconds"] = "3600" },
            maxPoolSize: 1);
        var users = Enumerable.Range(0, 3).Select(_ => new IngestionClient(app, ScaleApp.NewUserId())).ToList();

        var responses = await Task.WhenAll(users.Select(async (user, i) =>
        {
            using var response = await user.PostImportAsync(new { transactions = new[] { Row("2024-03-05", 100m + i, "UPI-SWIGGY-ORDER"), Row("2024-03-06", 50m, "ATM WDL SBI") } });
            return response.StatusCode;
        }));

        Assert.All(responses, status => Assert.Equal(HttpStatusCode.OK, status));
        foreach (var user in users) Assert.Equal(2, await user.CountAsync());
    }

    [Fact]
    public async Task Transfer_linking_and_undo_complete_with_a_pool_of_one_connection()
    {
        await using var app = await ScaleApp.StartAsync(
            new Dictionary<string, string?> { ["Categorization:RefreshSeconds"] = "3600" },
            maxPoolSize: 1);
        var user = new IngestionClient(app, ScaleApp.NewUserId());
        await user.ImportAsync(
            new { date = "2024-04-08", amount = 3000m, type = "debit", description = "UPI-SELF TRANSFER-123456789012", account = "HDFC XX6789" },
            new { date = "2024-04-08", amount = 3000m, type = "credit", description = "UPI/987654321098/SELF", account = "ICICI XX4567" });
        var item = (await user.GetJsonAsync("/api/v1/transactions")).GetProperty("items")[0];
        var pairId = item.GetProperty("transfer").GetProperty("pair_id").GetString();

        using var undo = await app.Client.SendAsync(app.Request(HttpMethod.Delete, $"/api/v1/transactions/transfers/{pairId}", user.UserId));
        Assert.Equal(HttpStatusCode.NoContent, undo.StatusCode);
    }
}
