using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Scale.Functions.Api;
using Scale.Functions.Pipeline;
using Scale.Functions.Tests.Ingestion;
using Scale.Functions.Tests.Support;
using Xunit.Abstractions;
using static Scale.Functions.Tests.Ingestion.IngestionClient;

namespace Scale.Functions.Tests.Faults;

/// <summary>
/// Issue 11 items 2 and 7: heavy routes run under a per-user in-flight cap (429) and a per-instance cap with a
/// short bounded queue (503 + Retry-After), so one user's flood cannot take the pool from everyone.
/// </summary>
public sealed class HeavyRouteConcurrencyTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_user_over_their_in_flight_cap_gets_429_and_a_full_instance_gets_503_then_frees_up()
    {
        await using var app = await ScaleApp.StartAsync(new Dictionary<string, string?>
        {
            ["Concurrency:HeavyPerUser"] = "1",
            ["Concurrency:HeavyPerInstance"] = "2",
            ["Concurrency:HeavyQueue"] = "1",
            ["Concurrency:HeavyQueueWaitMilliseconds"] = "300",
        });
        var pipeline = app.Services.GetRequiredService<RequestPipeline>();
        var release = new TaskCompletionSource();
        Task<IResult?> Run(string user, Func<Task> handler) => pipeline.RunAsync(NewContext(app, user), ApiRoutes.ImportTransactions, handler);
        string a = ScaleApp.NewUserId(), b = ScaleApp.NewUserId(), c = ScaleApp.NewUserId();

        // Each held request signals once it is inside the handler, i.e. holds its slots.
        Func<Task> Held(TaskCompletionSource entered) => async () => { entered.SetResult(); await release.Task; };
        var enteredA = new TaskCompletionSource();
        var first = Run(a, Held(enteredA));
        await enteredA.Task;
        var busy = await Run(a, () => Task.CompletedTask);
        Assert.Equal(429, ((IStatusCodeHttpResult)busy!).StatusCode);

        var enteredB = new TaskCompletionSource();
        var second = Run(b, Held(enteredB));
        await enteredB.Task;
        var stopwatch = Stopwatch.StartNew();
        var refused = await Run(c, () => Task.CompletedTask); // waits its 300 ms in the queue, then gives up
        Assert.Equal(503, ((IStatusCodeHttpResult)refused!).StatusCode);
        Assert.True(((Scale.Functions.Api.Http.ProblemResult)refused).Headers.ContainsKey("Retry-After"));
        output.WriteLine($"queued request refused after {stopwatch.ElapsedMilliseconds} ms");

        release.SetResult();
        Assert.Null(await first);
        Assert.Null(await second);
        Assert.Null(await Run(c, () => Task.CompletedTask)); // slots are returned: the instance serves again
        Assert.Null(await Run(a, () => Task.CompletedTask));
    }

    [Fact]
    public async Task One_user_flooding_imports_does_not_starve_another_users_listing()
    {
        await using var app = await ScaleApp.StartAsync(new Dictionary<string, string?>
        {
            ["RateLimiting:Import:Limit"] = "1000",
            // The other user lists for as long as the flood lasts (up to 200 requests): on a slow machine that is
            // past the default tier's per-minute limit, and a 429 there is the limit working, not starvation.
            ["RateLimiting:Default:Limit"] = "1000",
            ["Categorization:RefreshSeconds"] = "3600",
        }, maxPoolSize: 8);
        var flooder = new IngestionClient(app, ScaleApp.NewUserId());
        var other = new IngestionClient(app, ScaleApp.NewUserId());
        await other.ImportAsync(Row("2024-03-05", 120m, "UPI-SWIGGY-ORDER"));
        var rows = Enumerable.Range(0, 500).Select(i => Row("2024-03-05", 100m + i, $"UPI-SHOP-{i}")).ToArray();

        using var flooding = new CancellationTokenSource();
        var flood = Task.WhenAll(Enumerable.Range(0, 40).Select(async _ =>
        {
            using var response = await flooder.PostImportAsync(new { transactions = rows });
            return (int)response.StatusCode;
        }));
        var latencies = new List<double>();
        var listStatuses = new List<int>();
        while (!flood.IsCompleted && latencies.Count < 200)
        {
            var clock = Stopwatch.StartNew();
            using var response = await app.Client.SendAsync(app.Request(HttpMethod.Get, "/api/v1/transactions", other.UserId));
            latencies.Add(clock.Elapsed.TotalMilliseconds);
            listStatuses.Add((int)response.StatusCode);
        }
        var floodStatuses = await flood;

        latencies.Sort();
        var p95 = latencies.Count == 0 ? 0 : latencies[(int)Math.Ceiling(latencies.Count * 0.95) - 1];
        output.WriteLine($"flood of 40 imports x 500 rows from one user: {string.Join(", ", floodStatuses.GroupBy(s => s).Select(g => $"{g.Count()} x {g.Key}"))}");
        output.WriteLine($"other user's listing during the flood: {latencies.Count} requests, p50 {(latencies.Count == 0 ? 0 : latencies[latencies.Count / 2]):0} ms, p95 {p95:0} ms");
        Assert.DoesNotContain(500, floodStatuses);
        Assert.All(floodStatuses, s => Assert.True(s is 200 or 429 or 503, $"flood status {s}"));
        Assert.All(listStatuses, s => Assert.Equal(200, s));
        Assert.Equal(500, await flooder.CountAsync()); // the same 500 rows, however many times sent
    }

    private static DefaultHttpContext NewContext(ScaleApp app, string userId)
    {
        var context = new DefaultHttpContext { RequestServices = app.Services };
        context.Request.Method = "POST";
        context.Request.Path = "/api/v1/ingestion/import";
        context.Request.Headers.Authorization = "Bearer " + app.TokenFor(userId);
        context.Connection.RemoteIpAddress = IPAddress.Loopback;
        context.Response.Body = new MemoryStream();
        return context;
    }
}
