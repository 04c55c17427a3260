using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Scale.Functions.Infrastructure.Anomalies;
using Scale.Functions.Tests.Ingestion;
using Scale.Functions.Tests.Support;
using static Scale.Functions.Tests.Ingestion.IngestionClient;

namespace Scale.Functions.Tests.Anomalies;

/// <summary>
/// GET /anomaly/alerts and POST /anomaly/alerts/{id}/dismiss through the local host (every response checked against
/// the OpenAPI document): alerts appear after an import, name the transaction GET /transactions lists, stay
/// dismissed across recomputation, and belong to their user only.
/// </summary>
[Collection(ScaleAppCollection.Name)]
public sealed class AnomalyAlertsApiTests(ScaleAppFixture fixture)
{
    private ScaleApp App => fixture.App;

    private static readonly decimal[] Usual = [1_850, 2_030, 2_210, 1_960, 2_100, 1_900, 2_050, 2_300, 1_980, 2_020, 2_150, 1_870, 2_080, 2_000];

    /// <summary>14 ordinary Swiggy orders from 1 Jan 2024, every 4 days.</summary>
    private static object[] Orders(int from = 0, int count = 14) =>
        Enumerable.Range(from, count).Select(i => Row(new DateOnly(2024, 1, 1).AddDays(i * 4).ToString("yyyy-MM-dd"), Usual[i % Usual.Length],
            $"UPI/40{i:0000}/SWIGGY", merchant: "Swiggy", category: "Food & Dining")).ToArray();

    private static object Spike => Row("2024-03-11", 12_400m, "UPI/499999/SWIGGY", merchant: "Swiggy", category: "Food & Dining");

    private async Task<IngestionClient> UserWithSpikeAsync()
    {
        var user = new IngestionClient(App, ScaleApp.NewUserId());
        await user.ImportAsync([.. Orders(), Spike]);
        await RecomputedAsync(user);
        return user;
    }

    /// <summary>The alerts page once the recompute timer (1 s in tests) has caught up with the user's last change.</summary>
    internal static async Task<JsonElement> RecomputedAsync(IngestionClient user, string query = "")
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var page = await user.GetJsonAsync("/api/v1/anomaly/alerts" + query);
            if (!page.GetProperty("pending").GetBoolean()) return page;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The alerts were still pending after 60 s.");
            await Task.Delay(100);
        }
    }

    private static List<JsonElement> Alerts(JsonElement page) => [.. page.GetProperty("alerts").EnumerateArray()];

    private Task<HttpResponseMessage> DismissAsync(string userId, string alertId) =>
        App.Client.SendAsync(App.Request(HttpMethod.Post, $"/api/v1/anomaly/alerts/{alertId}/dismiss", userId));

    [Fact]
    public async Task An_import_produces_an_explained_alert_naming_the_stored_transaction()
    {
        var user = await UserWithSpikeAsync();

        var alert = Assert.Single(Alerts(await user.GetJsonAsync("/api/v1/anomaly/alerts")));
        Assert.Equal("amount_spike", alert.GetProperty("kind").GetString());
        Assert.Equal("2024-03-11", alert.GetProperty("date").GetString());
        Assert.Equal(12_400m, alert.GetProperty("amount").GetDecimal());
        Assert.Equal("UPI/499999/SWIGGY", alert.GetProperty("description").GetString());
        Assert.False(alert.GetProperty("dismissed").GetBoolean());
        Assert.InRange(alert.GetProperty("score").GetDouble(), 0.5, 1);
        Assert.Equal("₹12,400 at Swiggy on 11 Mar 2024 is 6.1× your median of ₹2,030 over 15 payments there.", alert.GetProperty("explanation").GetString());

        var listed = (await user.GetJsonAsync("/api/v1/transactions?min_amount=12400")).GetProperty("items")[0];
        Assert.Equal(listed.GetProperty("id").GetString(), alert.GetProperty("transaction_id").GetString());
    }

    [Fact]
    public async Task A_dismissed_alert_stays_dismissed_with_its_id_across_recomputation()
    {
        var user = await UserWithSpikeAsync();
        var alertId = Alerts(await user.GetJsonAsync("/api/v1/anomaly/alerts"))[0].GetProperty("alert_id").GetString()!;

        using (var dismissed = await DismissAsync(user.UserId, alertId)) Assert.Equal(HttpStatusCode.NoContent, dismissed.StatusCode);
        using (var again = await DismissAsync(user.UserId, alertId)) Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);

        // A later import recomputes every alert; re-importing the same rows changes nothing; an explicit recompute too.
        await user.ImportAsync(Orders(from: 30, count: 6));
        await user.ImportAsync([.. Orders(), Spike]);
        await RecomputedAsync(user);
        await App.Services.GetRequiredService<AnomalyAlertStore>().RecomputeAsync(user.UserId, CancellationToken.None);

        var alert = Assert.Single(Alerts(await user.GetJsonAsync("/api/v1/anomaly/alerts")), a => a.GetProperty("kind").GetString() == "amount_spike");
        Assert.Equal(alertId, alert.GetProperty("alert_id").GetString());
        Assert.True(alert.GetProperty("dismissed").GetBoolean());
        Assert.Contains("over 21 payments there", alert.GetProperty("explanation").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_users_alert_cannot_be_seen_or_dismissed()
    {
        var owner = await UserWithSpikeAsync();
        var alertId = Alerts(await owner.GetJsonAsync("/api/v1/anomaly/alerts"))[0].GetProperty("alert_id").GetString()!;
        var other = new IngestionClient(App, ScaleApp.NewUserId());

        using (var response = await DismissAsync(other.UserId, alertId)) await response.AssertProblemAsync(404, "not_found");
        Assert.Empty(Alerts(await other.GetJsonAsync("/api/v1/anomaly/alerts")));
        Assert.False(Alerts(await owner.GetJsonAsync("/api/v1/anomaly/alerts"))[0].GetProperty("dismissed").GetBoolean());
    }

    [Fact]
    public async Task A_user_without_transactions_has_an_empty_list()
    {
        var page = await new IngestionClient(App, ScaleApp.NewUserId()).GetJsonAsync("/api/v1/anomaly/alerts?since=2024-01-01");
        Assert.Empty(Alerts(page));
        Assert.Equal(JsonValueKind.Null, page.GetProperty("next_cursor").ValueKind);
        Assert.False(page.GetProperty("pending").GetBoolean());
    }

    [Theory]
    [InlineData("/api/v1/anomaly/alerts?since=2024-13-01", "since")]
    [InlineData("/api/v1/anomaly/alerts?since=yesterday", "since")]
    [InlineData("/api/v1/anomaly/alerts?since=2024-01-01&since=2024-02-01", "since")]
    [InlineData("/api/v1/anomaly/alerts?limit=0", "limit")]
    [InlineData("/api/v1/anomaly/alerts?limit=501", "limit")]
    [InlineData("/api/v1/anomaly/alerts?cursor=forged", "cursor")]
    public async Task Bad_parameters_are_a_validation_problem(string path, string field)
    {
        using var response = await App.Client.SendAsync(App.Request(HttpMethod.Get, path, ScaleApp.NewUserId()));
        var problem = await response.AssertProblemAsync(400, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), field);
    }

    [Fact]
    public async Task Dismissing_a_malformed_or_unknown_id_is_400_or_404()
    {
        var userId = ScaleApp.NewUserId();
        using (var malformed = await DismissAsync(userId, "not-a-uuid")) await malformed.AssertProblemAsync(400, "validation_failed");
        using (var unknown = await DismissAsync(userId, Guid.NewGuid().ToString())) await unknown.AssertProblemAsync(404, "not_found");
    }

    [Fact]
    public async Task Identical_rows_kept_on_purpose_are_not_a_duplicate_but_a_second_charge_is()
    {
        var user = new IngestionClient(App, ScaleApp.NewUserId());
        var imported = await user.ImportAsync(
            Row("2024-05-04", 240m, "POS 040524 BLUE TOKAI COFFEE", merchant: "Blue Tokai"),
            Row("2024-05-04", 240m, "POS 040524 BLUE TOKAI COFFEE", merchant: "Blue Tokai"),
            Row("2024-05-06", 1_299m, "UPI/411111/AMAZON PAY", merchant: "Amazon"),
            Row("2024-05-07", 1_299m, "UPI/422222/AMAZON PAY", merchant: "Amazon"));
        Assert.Equal(4, imported.GetProperty("inserted").GetInt32());

        var alert = Assert.Single(Alerts(await RecomputedAsync(user)));
        Assert.Equal("duplicate_charge", alert.GetProperty("kind").GetString());
        Assert.Equal("UPI/422222/AMAZON PAY", alert.GetProperty("description").GetString());
        Assert.Equal("₹1,299 at Amazon was charged twice within 1 day (6 May 2024 and 7 May 2024).", alert.GetProperty("explanation").GetString());
    }

    [Fact]
    public async Task Since_filters_by_the_transaction_date_and_pages_cover_every_alert_once()
    {
        var user = new IngestionClient(App, ScaleApp.NewUserId());
        // Five duplicate pairs, one a month.
        var rows = Enumerable.Range(1, 5).SelectMany(m => new[]
        {
            Row($"2024-0{m}-10", 500m + m, $"UPI/5{m}1/MYNTRA", merchant: "Myntra"),
            Row($"2024-0{m}-11", 500m + m, $"UPI/5{m}2/MYNTRA", merchant: "Myntra"),
        }).ToArray();
        await user.ImportAsync(rows);
        await RecomputedAsync(user);

        Assert.Equal(["2024-05-11", "2024-04-11", "2024-03-11"],
            Alerts(await user.GetJsonAsync("/api/v1/anomaly/alerts?since=2024-03-11")).Select(a => a.GetProperty("date").GetString()));

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await user.GetJsonAsync("/api/v1/anomaly/alerts?limit=2" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            seen.AddRange(Alerts(page).Select(a => a.GetProperty("date").GetString()!));
            cursor = page.GetProperty("next_cursor").GetString();
        } while (cursor is not null);
        Assert.Equal(["2024-05-11", "2024-04-11", "2024-03-11", "2024-02-11", "2024-01-11"], seen);
    }
}
