// PLACEHOLDER until branch authz lands (replaced there): allows everything.
using Microsoft.Extensions.DependencyInjection;

namespace Scale.Functions.Pipeline.Throttling;

public enum ThrottleTier { Unlimited, Default, Import, Classify, Training }

public sealed record ThrottleDecision(bool Allowed, int Limit, int Remaining, DateTimeOffset ResetAt, TimeSpan RetryAfter);

public interface IRequestThrottle
{
    Task<ThrottleDecision> CheckAsync(string partitionKey, ThrottleTier tier, CancellationToken cancellationToken);
}

public sealed class RateLimitingOptions
{
    public IEnumerable<string> Validate() => [];
}

internal sealed class AllowAll : IRequestThrottle
{
    public Task<ThrottleDecision> CheckAsync(string partitionKey, ThrottleTier tier, CancellationToken cancellationToken) =>
        Task.FromResult(new ThrottleDecision(true, 100, 99, DateTimeOffset.UtcNow.AddMinutes(1), TimeSpan.Zero));
}

public static class ThrottlingServiceCollectionExtensions
{
    public static IServiceCollection AddScaleThrottling(this IServiceCollection services) => services.AddSingleton<IRequestThrottle, AllowAll>();
}
