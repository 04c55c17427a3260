using Scale.Functions.Pipeline.Throttling;
using static Scale.Functions.Tests.Throttling.RedisTestSupport;

namespace Scale.Functions.Tests.Throttling;

public sealed class InProcessFallbackThrottleTests
{
    [Fact]
    public async Task Limit_is_enforced_per_partition_and_tier()
    {
        using var throttle = new InProcessFallbackThrottle(Wrap(Options(limit: 2, windowSeconds: 60)));

        var decisions = new List<bool>();
        for (var i = 0; i < 3; i++)
        {
            decisions.Add((await throttle.CheckAsync("user:a", ThrottleTier.Import, CancellationToken.None)).Allowed);
        }

        Assert.Equal([true, true, false], decisions);
        Assert.True((await throttle.CheckAsync("user:b", ThrottleTier.Import, CancellationToken.None)).Allowed);
        Assert.True((await throttle.CheckAsync("user:a", ThrottleTier.Default, CancellationToken.None)).Allowed);
    }

    [Fact]
    public async Task Denied_decision_has_zero_remaining_and_positive_retry_after()
    {
        using var throttle = new InProcessFallbackThrottle(Wrap(Options(limit: 1, windowSeconds: 10)));
        var first = await throttle.CheckAsync("user:a", ThrottleTier.Default, CancellationToken.None);

        var denied = await throttle.CheckAsync("user:a", ThrottleTier.Default, CancellationToken.None);

        Assert.Equal(0, first.Remaining);
        Assert.False(denied.Allowed);
        Assert.Equal(1, denied.Limit);
        Assert.Equal(0, denied.Remaining);
        Assert.InRange(denied.RetryAfter, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Window_slides_back_open()
    {
        using var throttle = new InProcessFallbackThrottle(Wrap(Options(limit: 1, windowSeconds: 1)));
        await throttle.CheckAsync("user:s", ThrottleTier.Default, CancellationToken.None);
        Assert.False((await throttle.CheckAsync("user:s", ThrottleTier.Default, CancellationToken.None)).Allowed);

        // The limiter replenishes on its own timer (real time, no TimeProvider seam): the window reopens about a
        // second later, and the generous deadline only bounds a hang when a loaded test run delays that timer.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var allowed = false;
        while (!allowed && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            allowed = (await throttle.CheckAsync("user:s", ThrottleTier.Default, CancellationToken.None)).Allowed;
        }

        Assert.True(allowed);
    }
}
