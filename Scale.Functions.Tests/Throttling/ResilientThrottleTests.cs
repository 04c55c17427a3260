using Microsoft.Extensions.Logging;
using Scale.Functions.Infrastructure.Redis;
using Scale.Functions.Pipeline.Throttling;
using Scale.Functions.Tests.Auth;
using static Scale.Functions.Tests.Throttling.RedisTestSupport;

namespace Scale.Functions.Tests.Throttling;

/// <summary>The registered throttle: Redis when it answers, the in-process window when it does not.</summary>
public sealed class ResilientThrottleTests
{
    [Fact]
    public async Task Unreachable_redis_falls_back_to_in_process_limits_and_warns_once()
    {
        var options = Options(limit: 3, windowSeconds: 60);
        await using var nowhere = Connect(DeadEndpoint());
        using var fallback = new InProcessFallbackThrottle(Wrap(options));
        var logger = new CapturingLogger<ResilientThrottle>();
        var throttle = new ResilientThrottle(new RedisSlidingWindowThrottle(nowhere, Wrap(options)), fallback, Wrap(options), logger);

        var decisions = new List<ThrottleDecision>();
        for (var i = 0; i < 10; i++)
        {
            decisions.Add(await throttle.CheckAsync("user:offline", ThrottleTier.Default, CancellationToken.None));
        }

        Assert.Equal([true, true, true, false, false, false, false, false, false, false], decisions.Select(d => d.Allowed));
        Assert.All(decisions.Skip(3), d => Assert.True(d.RetryAfter > TimeSpan.Zero));
        Assert.Equal(0, decisions[3].Remaining);
        Assert.True(throttle.IsDegraded);
        Assert.Equal(1, logger.Count(LogLevel.Warning));
    }

    [Fact]
    public async Task Reachable_redis_is_used_and_nothing_is_logged()
    {
        var options = Options(limit: 2, windowSeconds: 60);
        // This test is about the healthy path; a loaded CI machine can take longer than the 250 ms production budget
        // for the first script call (Slow_redis_is_abandoned_after_the_timeout covers the budget itself).
        options.RedisTimeoutMilliseconds = 5_000;
        await using var redis = await ConnectedAsync();
        using var fallback = new InProcessFallbackThrottle(Wrap(options));
        var logger = new CapturingLogger<ResilientThrottle>();
        var throttle = new ResilientThrottle(new RedisSlidingWindowThrottle(redis, Wrap(options)), fallback, Wrap(options), logger);

        await throttle.CheckAsync("user:online", ThrottleTier.Default, CancellationToken.None);

        Assert.False(throttle.IsDegraded);
        Assert.Equal(0, logger.Count(LogLevel.Warning));
        Assert.True(await redis.TryGetDatabase()!.KeyExistsAsync(options.KeyPrefix + "default:user:online"));
    }

    [Fact]
    public async Task Slow_redis_is_abandoned_after_the_timeout()
    {
        var options = Options(limit: 5, windowSeconds: 60);
        options.RedisTimeoutMilliseconds = 50;
        var hanging = new ScriptedThrottle { Behaviour = () => Task.Delay(Timeout.Infinite) };
        using var fallback = new InProcessFallbackThrottle(Wrap(options));
        var logger = new CapturingLogger<ResilientThrottle>();
        var throttle = new ResilientThrottle(hanging, fallback, Wrap(options), logger, TimeProvider.System);

        var decision = await throttle.CheckAsync("user:slow", ThrottleTier.Default, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.True(decision.Allowed);
        Assert.Equal(1, logger.Count(LogLevel.Warning));
    }

    [Fact]
    public async Task Redis_is_used_again_once_it_recovers()
    {
        var options = Options(limit: 100, windowSeconds: 60);
        var clock = new ManualClock();
        var primary = new ScriptedThrottle { Behaviour = () => throw new RedisUnavailableException() };
        using var fallback = new InProcessFallbackThrottle(Wrap(options));
        var logger = new CapturingLogger<ResilientThrottle>();
        var throttle = new ResilientThrottle(primary, fallback, Wrap(options), logger, clock);

        await throttle.CheckAsync("user:r", ThrottleTier.Default, CancellationToken.None);
        Assert.True(throttle.IsDegraded);

        // While degraded, Redis is not retried on every request (a hanging Redis would cost each one a timeout).
        primary.Behaviour = () => Task.CompletedTask;
        await throttle.CheckAsync("user:r", ThrottleTier.Default, CancellationToken.None);
        Assert.Equal(1, primary.Calls);

        clock.Advance(ResilientThrottle.ProbeInterval);
        var decision = await throttle.CheckAsync("user:r", ThrottleTier.Default, CancellationToken.None);

        Assert.Equal(ScriptedThrottle.Marker, decision);
        Assert.False(throttle.IsDegraded);
        Assert.Equal(1, logger.Count(LogLevel.Information));
    }

    [Fact]
    public async Task Warnings_repeat_at_most_every_thirty_seconds_during_a_long_outage()
    {
        var options = Options(limit: 1000, windowSeconds: 60);
        var clock = new ManualClock();
        var primary = new ScriptedThrottle { Behaviour = () => throw new TimeoutException() };
        using var fallback = new InProcessFallbackThrottle(Wrap(options));
        var logger = new CapturingLogger<ResilientThrottle>();
        var throttle = new ResilientThrottle(primary, fallback, Wrap(options), logger, clock);

        // Two minutes of traffic, a request every second.
        for (var second = 0; second < 120; second++)
        {
            await throttle.CheckAsync("user:o", ThrottleTier.Default, CancellationToken.None);
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(4, logger.Count(LogLevel.Warning));
    }

    [Fact]
    public async Task Caller_cancellation_is_not_mistaken_for_an_outage()
    {
        var options = Options(limit: 5, windowSeconds: 60);
        var primary = new ScriptedThrottle { Behaviour = () => Task.Delay(Timeout.Infinite) };
        using var fallback = new InProcessFallbackThrottle(Wrap(options));
        var logger = new CapturingLogger<ResilientThrottle>();
        options.RedisTimeoutMilliseconds = 5000;
        var throttle = new ResilientThrottle(primary, fallback, Wrap(options), logger, TimeProvider.System);
        using var cancelled = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => throttle.CheckAsync("user:c", ThrottleTier.Default, cancelled.Token));

        Assert.False(throttle.IsDegraded);
        Assert.Equal(0, logger.Count(LogLevel.Warning));
    }

    [Fact]
    public async Task Unlimited_tier_never_consults_either_throttle()
    {
        var options = Options(limit: 1, windowSeconds: 60);
        var primary = new ScriptedThrottle { Behaviour = () => throw new InvalidOperationException("must not be called") };
        var throttle = new ResilientThrottle(primary, primary, Wrap(options), new CapturingLogger<ResilientThrottle>(), TimeProvider.System);

        var decision = await throttle.CheckAsync("ip:127.0.0.1", ThrottleTier.Unlimited, CancellationToken.None);

        Assert.True(decision.Allowed);
        Assert.Equal(0, primary.Calls);
    }

    /// <summary>A stand-in for Redis whose behaviour a test switches (down, hanging, back up).</summary>
    private sealed class ScriptedThrottle : IRequestThrottle
    {
        public static readonly ThrottleDecision Marker = new(true, 42, 41, DateTimeOffset.UnixEpoch, TimeSpan.Zero);

        public Func<Task> Behaviour { get; set; } = () => Task.CompletedTask;

        public int Calls { get; private set; }

        public async Task<ThrottleDecision> CheckAsync(string partitionKey, ThrottleTier tier, CancellationToken cancellationToken)
        {
            Calls++;
            await Behaviour();
            return Marker;
        }
    }
}
