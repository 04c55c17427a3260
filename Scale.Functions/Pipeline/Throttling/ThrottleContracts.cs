namespace Scale.Functions.Pipeline.Throttling;

/// <summary>Route classes with their own budget (API.md "Throttling tiers").</summary>
public enum ThrottleTier
{
    /// <summary>Never throttled (health); answered without touching Redis.</summary>
    Unlimited,
    Default,
    Import,
    Classify,
    Training,
    /// <summary>Requests whose authentication failed, counted per client IP: a token-guessing or broken client
    /// pays for its 401s (the handler never runs for them, but the signature check and logging do cost).</summary>
    FailedAuthentication,
}

/// <summary>
/// The answer for one request. <see cref="ResetAt"/> is when the oldest request counted in the window leaves it,
/// i.e. when at least one slot frees up (a sliding window never resets all at once).
/// <see cref="RetryAfter"/> is zero when allowed, otherwise strictly positive.
/// For <see cref="ThrottleTier.Unlimited"/>, Limit and Remaining are <see cref="int.MaxValue"/>; emit no headers.
/// </summary>
public sealed record ThrottleDecision(bool Allowed, int Limit, int Remaining, DateTimeOffset ResetAt, TimeSpan RetryAfter);

public interface IRequestThrottle
{
    /// <summary>
    /// Counts one request against <paramref name="partitionKey"/> (built by the caller: <c>user:&lt;sub&gt;</c> or
    /// <c>ip:&lt;address&gt;</c>) in <paramref name="tier"/>. Denied requests are not counted.
    /// </summary>
    Task<ThrottleDecision> CheckAsync(string partitionKey, ThrottleTier tier, CancellationToken cancellationToken);
}

internal static class ThrottleDecisions
{
    public static ThrottleDecision Unlimited(DateTimeOffset now) =>
        new(true, int.MaxValue, int.MaxValue, now, TimeSpan.Zero);
}
