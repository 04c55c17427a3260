namespace Scale.Functions.Pipeline.Throttling;

public sealed class TierLimit
{
    public int Limit { get; set; }

    public int WindowSeconds { get; set; }
}

/// <summary>
/// Bound from the "RateLimiting" section: <c>RateLimiting__Import__Limit=5</c>,
/// <c>RateLimiting__Import__WindowSeconds=60</c>, <c>RateLimiting__KeyPrefix</c>, <c>RateLimiting__RedisTimeoutMilliseconds</c>.
/// </summary>
public sealed class RateLimitingOptions
{
    public const string SectionName = "RateLimiting";

    public TierLimit Default { get; set; } = new() { Limit = 100, WindowSeconds = 60 };

    public TierLimit Import { get; set; } = new() { Limit = 5, WindowSeconds = 60 };

    public TierLimit Classify { get; set; } = new() { Limit = 50, WindowSeconds = 60 };

    public TierLimit Training { get; set; } = new() { Limit = 3, WindowSeconds = 3600 };

    /// <summary>Failed authentications per client IP; beyond it a failing request gets 429 instead of 401.</summary>
    public TierLimit FailedAuthentication { get; set; } = new() { Limit = 20, WindowSeconds = 60 };

    /// <summary>Prefix of every Redis key; tests use a unique one per run.</summary>
    public string KeyPrefix { get; set; } = "scale:rl:";

    /// <summary>
    /// How long a request waits for Redis before the in-process fallback answers. Short on purpose: a slow
    /// Redis must not make every API call slow.
    /// </summary>
    public int RedisTimeoutMilliseconds { get; set; } = 250;

    public TierLimit For(ThrottleTier tier) => tier switch
    {
        ThrottleTier.Default => Default,
        ThrottleTier.Import => Import,
        ThrottleTier.Classify => Classify,
        ThrottleTier.Training => Training,
        ThrottleTier.FailedAuthentication => FailedAuthentication,
        ThrottleTier.Unlimited => throw new ArgumentOutOfRangeException(nameof(tier), tier, "The unlimited tier has no limit."),
        _ => throw new ArgumentOutOfRangeException(nameof(tier), tier, "Unknown throttle tier."),
    };

    /// <summary>Configuration errors, empty when valid. Checked at host start.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        foreach (var tier in new[] { ThrottleTier.Default, ThrottleTier.Import, ThrottleTier.Classify, ThrottleTier.Training, ThrottleTier.FailedAuthentication })
        {
            var limit = For(tier);
            if (limit is null)
            {
                errors.Add($"RateLimiting:{tier} is missing.");
                continue;
            }

            if (limit.Limit < 1)
            {
                errors.Add($"RateLimiting:{tier}:Limit must be at least 1 (was {limit.Limit}).");
            }

            if (limit.WindowSeconds is < 1 or > 86_400)
            {
                errors.Add($"RateLimiting:{tier}:WindowSeconds must be between 1 and 86400 (was {limit.WindowSeconds}).");
            }
        }

        if (string.IsNullOrWhiteSpace(KeyPrefix))
        {
            errors.Add("RateLimiting:KeyPrefix must not be empty.");
        }

        if (RedisTimeoutMilliseconds is < 10 or > 10_000)
        {
            errors.Add($"RateLimiting:RedisTimeoutMilliseconds must be between 10 and 10000 (was {RedisTimeoutMilliseconds}).");
        }

        return errors;
    }
}
