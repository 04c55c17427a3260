using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Scale.Functions.Infrastructure.Redis;

namespace Scale.Functions.Pipeline.Throttling;

public static class ThrottlingServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates (at start) the "RateLimiting" section and registers <see cref="IRequestThrottle"/> as the
    /// <see cref="ResilientThrottle"/> singleton over Redis (<see cref="RedisServiceCollectionExtensions.AddScaleRedis"/>
    /// is included) with the in-process fallback.
    /// </summary>
    public static IServiceCollection AddScaleThrottling(this IServiceCollection services)
    {
        services.AddOptions<RateLimitingOptions>()
            .BindConfiguration(RateLimitingOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RateLimitingOptions>, RateLimitingOptionsValidator>());

        services.AddScaleRedis();
        services.TryAddSingleton<RedisSlidingWindowThrottle>();
        services.TryAddSingleton<InProcessFallbackThrottle>();
        services.TryAddSingleton<ResilientThrottle>();
        services.TryAddSingleton<IRequestThrottle>(sp => sp.GetRequiredService<ResilientThrottle>());
        return services;
    }

    private sealed class RateLimitingOptionsValidator : IValidateOptions<RateLimitingOptions>
    {
        public ValidateOptionsResult Validate(string? name, RateLimitingOptions options)
        {
            var errors = options.Validate();
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
