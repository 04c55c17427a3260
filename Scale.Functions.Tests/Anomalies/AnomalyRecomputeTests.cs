using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Scale.Functions.Infrastructure.Anomalies;
using Scale.Functions.Tests.Ingestion;
using Scale.Functions.Tests.Support;
using Scale.Functions.Triggers;
using static Scale.Functions.Tests.Ingestion.IngestionClient;

namespace Scale.Functions.Tests.Anomalies;

/// <summary>
/// Alerts are recomputed off the request path: an import only marks the user (the response does not wait for a
/// pass over the whole history), the listing says "pending" until the timer job has run, and the job clears only
/// the marks its recompute covered. The app's timer is parked (an hour) so each step is driven here.
/// </summary>
public sealed class AnomalyRecomputeTests : IAsyncLifetime
{
    private ScaleApp _app = null!;

    public async Task InitializeAsync() =>
        _app = await ScaleApp.StartAsync(new Dictionary<string, string?> { ["Anomaly:RecomputeSeconds"] = "3600", ["Anomaly:SettleSeconds"] = "0" });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private Task RunJobAsync() =>
        _app.Services.GetRequiredKeyedService<IScheduledJob>(ScheduledJobs.Names.AnomalyRecompute).RunAsync(CancellationToken.None);

    private static object[] DuplicatePair(int month) =>
    [
        Row($"2024-0{month}-10", 799m, $"UPI/7{month}1/NETFLIX", merchant: "Netflix"),
        Row($"2024-0{month}-11", 799m, $"UPI/7{month}2/NETFLIX", merchant: "Netflix"),
    ];

    private static int Count(JsonElement page) => page.GetProperty("alerts").GetArrayLength();

    [Fact]
    public async Task An_import_marks_the_user_and_the_timer_job_computes_the_alerts()
    {
        var user = new IngestionClient(_app, ScaleApp.NewUserId());
        await user.ImportAsync(DuplicatePair(1));

        var before = await user.GetJsonAsync("/api/v1/anomaly/alerts");
        Assert.True(before.GetProperty("pending").GetBoolean());
        Assert.Equal(0, Count(before));

        await RunJobAsync();
        var after = await user.GetJsonAsync("/api/v1/anomaly/alerts");
        Assert.False(after.GetProperty("pending").GetBoolean());
        Assert.Equal("duplicate_charge", Assert.Single(after.GetProperty("alerts").EnumerateArray()).GetProperty("kind").GetString());
    }

    [Fact]
    public async Task A_change_marked_after_a_recompute_read_the_history_stays_pending()
    {
        var user = new IngestionClient(_app, ScaleApp.NewUserId());
        await user.ImportAsync(DuplicatePair(1));
        var requests = _app.Services.GetRequiredService<AnomalyRecomputeRequests>();
        var store = _app.Services.GetRequiredService<AnomalyAlertStore>();

        await store.RecomputeAsync(user.UserId, CancellationToken.None);
        Assert.False(await requests.IsPendingAsync(user.UserId, CancellationToken.None));

        // A second import after that recompute marks again; only the next recompute clears it, and sees both pairs.
        await user.ImportAsync(DuplicatePair(2));
        Assert.True(await requests.IsPendingAsync(user.UserId, CancellationToken.None));
        Assert.Equal(1, Count(await user.GetJsonAsync("/api/v1/anomaly/alerts")));
        await RunJobAsync();
        Assert.False(await requests.IsPendingAsync(user.UserId, CancellationToken.None));
        Assert.Equal(2, Count(await user.GetJsonAsync("/api/v1/anomaly/alerts")));
    }

    [Fact]
    public async Task The_job_recomputes_every_marked_user_and_leaves_unmarked_ones_alone()
    {
        var users = Enumerable.Range(0, 3).Select(_ => new IngestionClient(_app, ScaleApp.NewUserId())).ToList();
        foreach (var user in users) await user.ImportAsync(DuplicatePair(3));
        var untouched = new IngestionClient(_app, ScaleApp.NewUserId());

        await RunJobAsync();

        foreach (var user in users) Assert.Equal(1, Count(await user.GetJsonAsync("/api/v1/anomaly/alerts")));
        Assert.False((await untouched.GetJsonAsync("/api/v1/anomaly/alerts")).GetProperty("pending").GetBoolean());
    }
}
