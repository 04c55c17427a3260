using System.Globalization;
using Microsoft.Extensions.Options;
using Scale.Functions.Infrastructure.Redis;
using StackExchange.Redis;

namespace Scale.Functions.Pipeline.Throttling;

/// <summary>
/// Exact sliding-window limit shared by every instance: one sorted set per partition and tier whose members are
/// the admitted requests scored by arrival time. One Lua script per check makes trim, count and add atomic, so
/// concurrent requests cannot both take the last slot. Throws <see cref="RedisUnavailableException"/> /
/// <see cref="RedisException"/> / <see cref="TimeoutException"/> when Redis cannot answer; see
/// <see cref="ResilientThrottle"/> for the degraded path.
/// </summary>
public sealed class RedisSlidingWindowThrottle : IRequestThrottle
{
    // The clock is Redis TIME (microseconds), so every app instance agrees on window edges whatever its own
    // clock says. replicate_commands keeps writes-after-TIME legal on Redis < 5 and is a no-op on newer servers.
    // Returns {allowed, count, now_us, oldest_us}; numbers as strings because Lua-to-Redis integer conversion
    // of large doubles is not something to rely on.
    internal const string Script = """
        if redis.replicate_commands then pcall(redis.replicate_commands) end
        local key = KEYS[1]
        local limit = tonumber(ARGV[1])
        local window = tonumber(ARGV[2])
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
        redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
        local count = redis.call('ZCARD', key)
        local allowed = 0
        if count < limit then
          redis.call('ZADD', key, now, ARGV[3])
          count = count + 1
          allowed = 1
        end
        if count > 0 then
          redis.call('PEXPIRE', key, math.ceil(window / 1000))
        end
        local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
        local oldestScore = now
        if oldest[2] then oldestScore = tonumber(oldest[2]) end
        return { allowed, count, string.format('%.0f', now), string.format('%.0f', oldestScore) }
        """;

    private readonly RedisConnection _connection;
    private readonly RateLimitingOptions _options;
    private readonly TimeProvider _timeProvider;

    public RedisSlidingWindowThrottle(RedisConnection connection, IOptions<RateLimitingOptions> options)
        : this(connection, options, TimeProvider.System)
    {
    }

    internal RedisSlidingWindowThrottle(RedisConnection connection, IOptions<RateLimitingOptions> options, TimeProvider timeProvider)
    {
        _connection = connection;
        _options = options.Value;
        _timeProvider = timeProvider;
    }

    public async Task<ThrottleDecision> CheckAsync(string partitionKey, ThrottleTier tier, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(partitionKey);
        if (tier == ThrottleTier.Unlimited)
        {
            return ThrottleDecisions.Unlimited(_timeProvider.GetUtcNow());
        }

        cancellationToken.ThrowIfCancellationRequested();
        var database = _connection.TryGetDatabase() ?? throw new RedisUnavailableException();
        var limit = _options.For(tier);
        var windowMicros = limit.WindowSeconds * 1_000_000L;

        // The member only has to be unique: two requests in the same microsecond must both count.
        var member = Guid.NewGuid().ToString("N");
        var raw = await database.ScriptEvaluateAsync(
            Script,
            new RedisKey[] { KeyFor(partitionKey, tier) },
            new RedisValue[] { limit.Limit, windowMicros, member });

        var values = (RedisResult[]?)raw
            ?? throw new RedisUnavailableException("The rate-limit script returned nothing.");
        var allowed = (long)values[0] == 1;
        var count = (long)values[1];
        var nowMicros = long.Parse((string?)values[2] ?? "0", CultureInfo.InvariantCulture);
        var oldestMicros = long.Parse((string?)values[3] ?? "0", CultureInfo.InvariantCulture);

        var resetMicros = oldestMicros + windowMicros;
        var resetAt = DateTimeOffset.UnixEpoch.AddTicks(resetMicros * 10);
        var retryAfter = allowed
            ? TimeSpan.Zero
            : TimeSpan.FromTicks(Math.Max(resetMicros - nowMicros, 1_000) * 10);
        var remaining = (int)Math.Max(0, limit.Limit - count);
        return new ThrottleDecision(allowed, limit.Limit, remaining, resetAt, retryAfter);
    }

    /// <summary>Tier is in the key so one user's import budget never eats into their default budget.</summary>
    internal string KeyFor(string partitionKey, ThrottleTier tier) =>
        string.Concat(_options.KeyPrefix, tier.ToString().ToLowerInvariant(), ":", partitionKey);
}
