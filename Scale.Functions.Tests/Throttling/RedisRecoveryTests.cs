using Microsoft.Extensions.Logging;
using Scale.Functions.Pipeline.Throttling;
using Scale.Functions.Tests.Auth;
using static Scale.Functions.Tests.Throttling.RedisTestSupport;

namespace Scale.Functions.Tests.Throttling;

/// <summary>
/// End to end: Redis is down when the app starts, then comes up; the connection reconnects by itself and
/// throttling moves back to Redis. Uses a private redis-server on an ephemeral port, killed by its own PID.
/// </summary>
public sealed class RedisRecoveryTests
{
    [Fact]
    public async Task Throttle_returns_to_redis_when_a_server_appears_on_the_configured_port()
    {
        var port = FreePort();
        var endpoint = $"127.0.0.1:{port},connectTimeout=500";
        var options = Options(limit: 5, windowSeconds: 60);
        await using var connection = Connect(endpoint);
        using var fallback = new InProcessFallbackThrottle(Wrap(options));
        var clock = new ManualClock();
        var logger = new CapturingLogger<ResilientThrottle>();
        var throttle = new ResilientThrottle(new RedisSlidingWindowThrottle(connection, Wrap(options)), fallback, Wrap(options), logger, clock);

        Assert.True((await throttle.CheckAsync("user:phoenix", ThrottleTier.Default, CancellationToken.None)).Allowed);
        Assert.True(throttle.IsDegraded);

        // Let the first connect attempt (connectTimeout=500) fail, so what follows is a background reconnect.
        await Task.Delay(TimeSpan.FromSeconds(1));
        using var server = StartRedisServer(port);
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (connection.TryGetDatabase() is null && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }

            Assert.NotNull(connection.TryGetDatabase());
            clock.Advance(ResilientThrottle.ProbeInterval);
            var decision = await throttle.CheckAsync("user:phoenix", ThrottleTier.Default, CancellationToken.None);

            Assert.True(decision.Allowed);
            Assert.False(throttle.IsDegraded);
            Assert.Equal(1, logger.Count(LogLevel.Information));
            Assert.True(await connection.TryGetDatabase()!.KeyExistsAsync(options.KeyPrefix + "default:user:phoenix"));
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }
}
