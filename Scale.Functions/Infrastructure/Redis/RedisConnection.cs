// PLACEHOLDER until branch authz lands (replaced there).
using Microsoft.Extensions.DependencyInjection;

namespace Scale.Functions.Infrastructure.Redis;

public sealed class RedisConnection
{
    public Task<bool> PingAsync(TimeSpan timeout, CancellationToken cancellationToken) => Task.FromResult(false);
}

public static class RedisServiceCollectionExtensions
{
    public static IServiceCollection AddScaleRedis(this IServiceCollection services) => services.AddSingleton<RedisConnection>();
}
