using Scale.Functions.Infrastructure.Redis;
using Scale.Functions.Pipeline.Throttling;
using static Scale.Functions.Tests.Throttling.RedisTestSupport;

namespace Scale.Functions.Tests.Throttling;

/// <summary>The Redis sliding window against the real local Redis (no mocks): limits, sliding, isolation, atomicity.</summary>
public sealed class RedisSlidingWindowThrottleTests : IAsyncLifetime
{
    private RedisConnection _redis = null!;

    public async Task InitializeAsync() => _redis = await ConnectedAsync();

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    private RedisSlidingWindowThrottle Throttle(RateLimitingOptions options) => new(_redis, Wrap(options));

    [Fact]
    public async Task Request_past_the_limit_is_denied_with_zero_remaining_and_a_positive_retry_after()
    {
        var throttle = Throttle(Options(limit: 3, windowSeconds: 60));
        var before = DateTimeOffset.UtcNow;

        var allowed = new List<ThrottleDecision>();
        for (var i = 0; i < 3; i++)
        {
            allowed.Add(await throttle.CheckAsync("user:alice", ThrottleTier.Default, CancellationToken.None));
        }

        var denied = await throttle.CheckAsync("user:alice", ThrottleTier.Default, CancellationToken.None);

        Assert.All(allowed, d => Assert.True(d.Allowed));
        Assert.Equal([2, 1, 0], allowed.Select(d => d.Remaining));
        Assert.All(allowed, d => Assert.Equal(TimeSpan.Zero, d.RetryAfter));
        Assert.False(denied.Allowed);
        Assert.Equal(3, denied.Limit);
        Assert.Equal(0, denied.Remaining);
        Assert.InRange(denied.RetryAfter, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(60));
        Assert.InRange(denied.ResetAt, before, before.AddSeconds(61));
    }

    [Fact]
    public async Task Window_slides_so_a_slot_frees_when_the_oldest_request_ages_out()
    {
        var throttle = Throttle(Options(limit: 2, windowSeconds: 1));
        await throttle.CheckAsync("user:bob", ThrottleTier.Default, CancellationToken.None);
        await throttle.CheckAsync("user:bob", ThrottleTier.Default, CancellationToken.None);
        var denied = await throttle.CheckAsync("user:bob", ThrottleTier.Default, CancellationToken.None);
        Assert.False(denied.Allowed);
        Assert.True(denied.RetryAfter <= TimeSpan.FromSeconds(1));

        // Waiting exactly as long as the server said is enough.
        await Task.Delay(denied.RetryAfter + TimeSpan.FromMilliseconds(30));
        var afterWait = await throttle.CheckAsync("user:bob", ThrottleTier.Default, CancellationToken.None);

        Assert.True(afterWait.Allowed);
    }

    [Fact]
    public async Task Denied_requests_are_not_counted()
    {
        var throttle = Throttle(Options(limit: 1, windowSeconds: 1));
        var first = await throttle.CheckAsync("ip:203.0.113.7", ThrottleTier.Default, CancellationToken.None);
        for (var i = 0; i < 5; i++)
        {
            Assert.False((await throttle.CheckAsync("ip:203.0.113.7", ThrottleTier.Default, CancellationToken.None)).Allowed);
        }

        // Hammering while denied must not push the reset further out.
        await Task.Delay(first.ResetAt - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(50));

        Assert.True((await throttle.CheckAsync("ip:203.0.113.7", ThrottleTier.Default, CancellationToken.None)).Allowed);
    }

    [Fact]
    public async Task Partitions_and_tiers_have_separate_budgets()
    {
        var throttle = Throttle(Options(limit: 1, windowSeconds: 60));

        Assert.True((await throttle.CheckAsync("user:carol", ThrottleTier.Import, CancellationToken.None)).Allowed);
        Assert.False((await throttle.CheckAsync("user:carol", ThrottleTier.Import, CancellationToken.None)).Allowed);

        Assert.True((await throttle.CheckAsync("user:dave", ThrottleTier.Import, CancellationToken.None)).Allowed);
        Assert.True((await throttle.CheckAsync("user:carol", ThrottleTier.Default, CancellationToken.None)).Allowed);
        Assert.True((await throttle.CheckAsync("ip:2001:db8::1", ThrottleTier.Import, CancellationToken.None)).Allowed);
    }

    [Fact]
    public async Task Fifty_concurrent_checks_with_limit_ten_allow_exactly_ten()
    {
        var throttle = Throttle(Options(limit: 10, windowSeconds: 60));

        var decisions = await Task.WhenAll(Enumerable.Range(0, 50)
            .Select(_ => Task.Run(() => throttle.CheckAsync("user:burst", ThrottleTier.Classify, CancellationToken.None))));

        Assert.Equal(10, decisions.Count(d => d.Allowed));
        Assert.Equal(40, decisions.Count(d => !d.Allowed));
        Assert.All(decisions.Where(d => !d.Allowed), d => Assert.True(d.RetryAfter > TimeSpan.Zero));
    }

    [Fact]
    public async Task Key_holds_prefix_tier_and_partition_and_expires_with_the_window()
    {
        var options = Options(limit: 5, windowSeconds: 30);
        var throttle = Throttle(options);

        await throttle.CheckAsync("user:erin", ThrottleTier.Training, CancellationToken.None);

        var key = options.KeyPrefix + "training:user:erin";
        var database = _redis.TryGetDatabase()!;
        Assert.True(await database.KeyExistsAsync(key));
        var ttl = await database.KeyTimeToLiveAsync(key);
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Unlimited_tier_is_always_allowed_without_touching_redis()
    {
        await using var nowhere = Connect(DeadEndpoint());
        var throttle = new RedisSlidingWindowThrottle(nowhere, Wrap(Options(1, 60)));

        for (var i = 0; i < 3; i++)
        {
            Assert.True((await throttle.CheckAsync("user:health", ThrottleTier.Unlimited, CancellationToken.None)).Allowed);
        }
    }

    [Fact]
    public async Task Disconnected_redis_throws_so_the_caller_can_fall_back()
    {
        await using var nowhere = Connect(DeadEndpoint());
        var throttle = new RedisSlidingWindowThrottle(nowhere, Wrap(Options(1, 60)));

        await Assert.ThrowsAsync<RedisUnavailableException>(
            () => throttle.CheckAsync("user:x", ThrottleTier.Default, CancellationToken.None));
    }
}
