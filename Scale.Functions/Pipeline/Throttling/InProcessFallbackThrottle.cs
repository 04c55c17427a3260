using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Scale.Functions.Pipeline.Throttling;

/// <summary>
/// Per-instance sliding windows (System.Threading.RateLimiting), used only while Redis is unreachable. Limits are
/// then per instance rather than global — looser with several instances, but the API keeps answering and a
/// single client still cannot flood one instance. Idle partitions are dropped by the partitioned limiter, so
/// per-IP partitions do not accumulate.
/// </summary>
public sealed class InProcessFallbackThrottle : IRequestThrottle, IDisposable
{
    // Ten segments: the window slides in tenths, close enough to the exact Redis window for a fallback.
    private const int SegmentsPerWindow = 10;

    private readonly RateLimitingOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly PartitionedRateLimiter<(string Partition, ThrottleTier Tier)> _limiter;

    public InProcessFallbackThrottle(IOptions<RateLimitingOptions> options)
        : this(options, TimeProvider.System)
    {
    }

    internal InProcessFallbackThrottle(IOptions<RateLimitingOptions> options, TimeProvider timeProvider)
    {
        _options = options.Value;
        _timeProvider = timeProvider;
        _limiter = PartitionedRateLimiter.Create<(string Partition, ThrottleTier Tier), (string, ThrottleTier)>(
            key => RateLimitPartition.GetSlidingWindowLimiter(key, k => LimiterOptions(k.Item2)));
    }

    public Task<ThrottleDecision> CheckAsync(string partitionKey, ThrottleTier tier, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(partitionKey);
        var now = _timeProvider.GetUtcNow();
        if (tier == ThrottleTier.Unlimited)
        {
            return Task.FromResult(ThrottleDecisions.Unlimited(now));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var limit = _options.For(tier);
        var key = (partitionKey, tier);
        var segment = TimeSpan.FromSeconds((double)limit.WindowSeconds / SegmentsPerWindow);

        using var lease = _limiter.AttemptAcquire(key, 1);
        var remaining = (int)Math.Max(0, _limiter.GetStatistics(key)?.CurrentAvailablePermits ?? 0);
        if (lease.IsAcquired)
        {
            // The limiter does not expose when its oldest segment expires; a full window is the honest upper bound.
            return Task.FromResult(new ThrottleDecision(true, limit.Limit, remaining, now.AddSeconds(limit.WindowSeconds), TimeSpan.Zero));
        }

        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var hint) && hint > TimeSpan.Zero ? hint : segment;
        return Task.FromResult(new ThrottleDecision(false, limit.Limit, 0, now + retryAfter, retryAfter));
    }

    public void Dispose() => _limiter.Dispose();

    private SlidingWindowRateLimiterOptions LimiterOptions(ThrottleTier tier)
    {
        var limit = _options.For(tier);
        return new SlidingWindowRateLimiterOptions
        {
            PermitLimit = limit.Limit,
            Window = TimeSpan.FromSeconds(limit.WindowSeconds),
            SegmentsPerWindow = SegmentsPerWindow,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }
}
