using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Scale.Functions.Infrastructure.Redis;
using StackExchange.Redis;

namespace Scale.Functions.Pipeline.Throttling;

/// <summary>
/// The registered <see cref="IRequestThrottle"/>: the global Redis window when Redis answers within the
/// configured timeout, the per-instance fallback otherwise. An outage of the rate-limit store must not take the
/// API down, and a slow Redis must not make every request slow.
/// </summary>
/// <remarks>
/// After a failure Redis is skipped for <see cref="ProbeInterval"/> so a hanging server costs one timeout per
/// interval, not one per request; after that the next request probes Redis again, which is how it recovers.
/// Warnings are rate-limited to one per <see cref="WarningInterval"/> so an outage does not flood the logs.
/// </remarks>
public sealed class ResilientThrottle : IRequestThrottle
{
    internal static readonly TimeSpan WarningInterval = TimeSpan.FromSeconds(30);
    internal static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(2);

    private readonly IRequestThrottle _primary;
    private readonly IRequestThrottle _fallback;
    private readonly ILogger<ResilientThrottle> _logger;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _timeout;
    private long _skipPrimaryUntilTicks;
    private long _lastWarningTicks = long.MinValue;
    private int _degraded;

    public ResilientThrottle(
        RedisSlidingWindowThrottle redis,
        InProcessFallbackThrottle fallback,
        IOptions<RateLimitingOptions> options,
        ILogger<ResilientThrottle> logger)
        : this(redis, fallback, options, logger, TimeProvider.System)
    {
    }

    internal ResilientThrottle(
        IRequestThrottle primary,
        IRequestThrottle fallback,
        IOptions<RateLimitingOptions> options,
        ILogger<ResilientThrottle> logger,
        TimeProvider timeProvider)
    {
        _primary = primary;
        _fallback = fallback;
        _logger = logger;
        _timeProvider = timeProvider;
        _timeout = TimeSpan.FromMilliseconds(options.Value.RedisTimeoutMilliseconds);
    }

    /// <summary>True while answers come from the in-process fallback.</summary>
    public bool IsDegraded => Volatile.Read(ref _degraded) == 1;

    public async Task<ThrottleDecision> CheckAsync(string partitionKey, ThrottleTier tier, CancellationToken cancellationToken)
    {
        if (tier == ThrottleTier.Unlimited)
        {
            return ThrottleDecisions.Unlimited(_timeProvider.GetUtcNow());
        }

        var nowTicks = _timeProvider.GetUtcNow().UtcTicks;
        if (nowTicks >= Interlocked.Read(ref _skipPrimaryUntilTicks))
        {
            Task<ThrottleDecision>? primary = null;
            try
            {
                primary = _primary.CheckAsync(partitionKey, tier, cancellationToken);
                var decision = await primary.WaitAsync(_timeout, _timeProvider, cancellationToken);
                if (Interlocked.Exchange(ref _degraded, 0) == 1)
                {
                    _logger.LogInformation("Rate limiting is back on Redis after an outage");
                }

                return decision;
            }
            catch (Exception ex) when (IsRedisFailure(ex) && !cancellationToken.IsCancellationRequested)
            {
                // A timed-out call may still fail later; observe it so it does not surface as unobserved.
                _ = primary?.ContinueWith(static t => _ = t.Exception, CancellationToken.None,
                    TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                Interlocked.Exchange(ref _degraded, 1);
                Interlocked.Exchange(ref _skipPrimaryUntilTicks, nowTicks + ProbeInterval.Ticks);
                WarnAtMostEvery(ex, nowTicks);
            }
        }

        return await _fallback.CheckAsync(partitionKey, tier, cancellationToken);
    }

    private static bool IsRedisFailure(Exception ex) =>
        ex is RedisException or RedisUnavailableException or TimeoutException or ObjectDisposedException;

    private void WarnAtMostEvery(Exception ex, long nowTicks)
    {
        var last = Interlocked.Read(ref _lastWarningTicks);
        if (last != long.MinValue && nowTicks - last < WarningInterval.Ticks)
        {
            return;
        }

        // Only one of several concurrent failing requests wins the exchange and logs.
        if (Interlocked.CompareExchange(ref _lastWarningTicks, nowTicks, last) != last)
        {
            return;
        }

        _logger.LogWarning(ex,
            "Redis rate limiting unavailable ({FailureKind}); using per-instance limits for at least {ProbeIntervalSeconds} s",
            ex.GetType().Name, ProbeInterval.TotalSeconds);
    }
}
