using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Scale.Functions.Pipeline.Throttling;
using Scale.Functions.Tests.Ingestion;
using Scale.Functions.Tests.Support;
using Scale.Functions.Tests.Throttling;
using StackExchange.Redis;
using Xunit.Abstractions;
using static Scale.Functions.Tests.Ingestion.IngestionClient;

namespace Scale.Functions.Tests.Faults;

/// <summary>
/// Issue 11 item 7: Redis killed (SIGKILL) while a few users list, classify and import, then started again on the
/// same port. Redis holds only the rate-limit windows, and the throttle is designed to fail open (ResilientThrottle
/// falls back to per-instance limits), so the expected outcome is degraded-but-correct: every request answered as
/// usual (no 500, and no 503 either, since no route needs Redis), every import stored exactly once, and throttling
/// back on Redis without a restart once it returns. A private redis-server, so the shared stack's is never touched.
/// </summary>
public sealed class RedisKilledUnderLoadDrillTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Users = 3;
    private readonly int _port = RedisTestSupport.FreePort();
    private Process _redis = null!;

    public async Task InitializeAsync() => _redis = await StartRedisAsync();

    public Task DisposeAsync()
    {
        if (!_redis.HasExited) _redis.Kill(entireProcessTree: true);
        _redis.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Redis_killed_under_load_gives_no_500s_and_throttling_returns_to_redis_without_restart()
    {
        var prefix = $"scale:test:{Guid.NewGuid():N}:";
        await using var app = await ScaleApp.StartAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = $"127.0.0.1:{_port},connectTimeout=500",
            ["RateLimiting:KeyPrefix"] = prefix,
            // The drill is about Redis, not the limits: high enough that no tier refuses this load.
            ["RateLimiting:Default:Limit"] = "100000",
            ["RateLimiting:Import:Limit"] = "100000",
            ["RateLimiting:Classify:Limit"] = "100000",
        });
        var throttle = app.Services.GetRequiredService<ResilientThrottle>();
        var users = Enumerable.Range(0, Users).Select(_ => new IngestionClient(app, ScaleApp.NewUserId())).ToArray();
        var statuses = new ConcurrentDictionary<(string Phase, string Route, int Status), int>();
        var imported = new ConcurrentDictionary<string, int>();
        var phase = "redis up";
        using var stop = new CancellationTokenSource();
        var load = users.Select(user => LoadAsync(app, user, () => Volatile.Read(ref phase), statuses, imported, stop.Token)).ToArray();

        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.False(throttle.IsDegraded);
        _redis.Kill(entireProcessTree: true);
        await _redis.WaitForExitAsync();
        Volatile.Write(ref phase, "redis killed");
        var clock = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(4));
        var degraded = throttle.IsDegraded;

        _redis.Dispose();
        _redis = await StartRedisAsync();
        Volatile.Write(ref phase, "redis back");
        var restartedAt = clock.Elapsed;
        // Recovered when the throttle has written a window to the new (empty) server again.
        using var probe = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{_port}");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((throttle.IsDegraded || !await AnyWindowAsync(probe, prefix, users)) && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        var recoveredAfter = clock.Elapsed - restartedAt;
        await Task.Delay(TimeSpan.FromSeconds(1));
        await stop.CancelAsync();
        await Task.WhenAll(load);

        output.WriteLine($"{Users} users; Redis down {restartedAt.TotalSeconds:0.0} s; throttle degraded during the outage: {degraded}; " +
                         $"back on Redis {recoveredAfter.TotalMilliseconds:0} ms after it restarted");
        foreach (var group in statuses.OrderBy(s => s.Key.Phase).ThenBy(s => s.Key.Route).ThenBy(s => s.Key.Status))
            output.WriteLine($"  {group.Key.Phase,-13} {group.Key.Route,-9} {group.Key.Status}: {group.Value}");

        Assert.DoesNotContain(statuses.Keys, s => s.Status >= 500);
        Assert.All(statuses.Keys, s => Assert.Equal(200, s.Status));
        Assert.All(new[] { "redis up", "redis killed", "redis back" }, p => Assert.Contains(statuses.Keys, s => s.Phase == p));
        Assert.True(degraded, "the throttle never noticed the outage");
        Assert.False(throttle.IsDegraded, "throttling did not return to Redis");
        Assert.True(await AnyWindowAsync(probe, prefix, users));
        // Degraded but correct: every import that was answered 200 is stored, exactly once.
        foreach (var user in users)
            Assert.Equal(imported.GetValueOrDefault(user.UserId), await user.CountAsync());
    }

    /// <summary>One user's loop: list, classify one description, import one new row; each status counted by phase.</summary>
    private static async Task LoadAsync(ScaleApp app, IngestionClient user, Func<string> phase,
        ConcurrentDictionary<(string, string, int), int> statuses, ConcurrentDictionary<string, int> imported, CancellationToken stop)
    {
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var current = phase();
            using (var listed = await app.Client.SendAsync(app.Request(HttpMethod.Get, "/api/v1/transactions", user.UserId), CancellationToken.None))
                statuses.AddOrUpdate((current, "list", (int)listed.StatusCode), 1, (_, n) => n + 1);
            using (var classified = await app.Client.SendAsync(app.Request(HttpMethod.Post, "/api/v1/categorization/classify", user.UserId,
                       ScaleApp.Json(new { description = "UPI-SWIGGY-ORDER-" + i })), CancellationToken.None))
                statuses.AddOrUpdate((current, "classify", (int)classified.StatusCode), 1, (_, n) => n + 1);
            using var import = await user.PostImportAsync(new { transactions = new[] { Row("2024-03-05", 100m + i, $"UPI-ZOMATO-{i}") } });
            statuses.AddOrUpdate((current, "import", (int)import.StatusCode), 1, (_, n) => n + 1);
            if (import.StatusCode == HttpStatusCode.OK) imported.AddOrUpdate(user.UserId, 1, (_, n) => n + 1);
        }
    }

    private static async Task<bool> AnyWindowAsync(ConnectionMultiplexer redis, string prefix, IEnumerable<IngestionClient> users)
    {
        foreach (var user in users)
            if (await redis.GetDatabase().KeyExistsAsync($"{prefix}default:user:{user.UserId}")) return true;
        return false;
    }

    private async Task<Process> StartRedisAsync()
    {
        var server = RedisTestSupport.StartRedisServer(_port);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, _port);
                return server;
            }
            catch (System.Net.Sockets.SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }
}
