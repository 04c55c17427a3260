// PLACEHOLDER until branch authz lands (replaced there).
using Microsoft.Extensions.DependencyInjection;

namespace Scale.Functions.Pipeline.Throttling;

public enum ThrottleTier { Unlimited, Default, Import, Classify, Training }

public sealed record ThrottleDecision(bool Allowed, int Limit, int Remaining, DateTimeOffset ResetAt, TimeSpan RetryAfter);

public interface IRequestThrottle
{
    Task<ThrottleDecision> CheckAsync(string partitionKey, ThrottleTier tier, CancellationToken cancellationToken);
}

public static class ThrottlingServiceCollectionExtensions
{
    public static IServiceCollection AddScaleThrottling(this IServiceCollection services) => services;
}

public sealed class RateLimitingOptions
{
    public IEnumerable<string> Validate() => [];
}
