using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Scale.Functions.Tests.Support;
using Scale.Functions.Tests.Throttling;

namespace Scale.Functions.Tests.EndToEnd;

/// <summary>
/// Redis stopped mid-test: the API keeps serving (in-process fallback limiter) and readiness names redis.
/// Uses a private redis-server so the shared one is never touched.
/// </summary>
public sealed class RedisOutageTests : IAsyncLifetime
{
    private Process? _redis;
    private int _port;

    public async Task InitializeAsync()
    {
        _port = RedisTestSupport.FreePort();
        _redis = RedisTestSupport.StartRedisServer(_port);
        await WaitUntil(() => CanConnect(_port), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Requests_are_served_and_ready_reports_redis_error_while_redis_is_down()
    {
        await using var app = await ScaleApp.StartAsync(new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = $"127.0.0.1:{_port}" });
        var user = ScaleApp.NewUserId();
        await WaitUntil(async () => (await ReadyChecks(app)).GetProperty("redis").GetString() == "ok", TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.OK, (await app.Client.SendAsync(app.Request(HttpMethod.Get, "/api/v1/profile", user))).StatusCode);

        _redis!.Kill(entireProcessTree: true);
        await _redis.WaitForExitAsync();

        for (var i = 0; i < 5; i++)
        {
            var response = await app.Client.SendAsync(app.Request(HttpMethod.Get, "/api/v1/profile", user));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Headers.Contains("X-RateLimit-Remaining"));
        }
        // Readiness is cached for HealthApi.ReadyCacheDuration: the outage shows within that.
        HttpResponseMessage ready = null!;
        await WaitUntil(async () => (ready = await app.Client.GetAsync("/api/v1/health/ready")).StatusCode == HttpStatusCode.ServiceUnavailable,
            Scale.Functions.Api.HealthApi.ReadyCacheDuration + TimeSpan.FromSeconds(5));
        var body = await ready.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("degraded", body.GetProperty("status").GetString());
        Assert.Equal("error", body.GetProperty("checks").GetProperty("redis").GetString());
        Assert.Equal("ok", body.GetProperty("checks").GetProperty("database").GetString());
    }

    private static async Task<JsonElement> ReadyChecks(ScaleApp app) =>
        (await app.Client.GetFromJsonAsync<JsonElement>("/api/v1/health/ready")).GetProperty("checks");

    private static async Task WaitUntil(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Condition not met in time.");
            await Task.Delay(100);
        }
    }

    private static Task WaitUntil(Func<bool> condition, TimeSpan timeout) => WaitUntil(() => Task.FromResult(condition()), timeout);

    private static bool CanConnect(int port)
    {
        try { using var client = new TcpClient(); client.Connect(IPAddress.Loopback, port); return true; }
        catch (SocketException) { return false; }
    }

    public Task DisposeAsync()
    {
        if (_redis is { HasExited: false }) _redis.Kill(entireProcessTree: true);
        _redis?.Dispose();
        return Task.CompletedTask;
    }
}
