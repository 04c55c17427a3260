using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Scale.Functions.Infrastructure.Redis;

public static class RedisServiceCollectionExtensions
{
    /// <summary>
    /// Registers the singleton <see cref="RedisConnection"/> (ConnectionStrings:Redis) and a hosted service that
    /// creates it at host start, so a missing or malformed connection string stops startup with a clear message
    /// and the first request does not pay for the connect. Idempotent.
    /// </summary>
    public static IServiceCollection AddScaleRedis(this IServiceCollection services)
    {
        services.TryAddSingleton<RedisConnection>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RedisConnectionStarter>());
        return services;
    }

    private sealed class RedisConnectionStarter(RedisConnection connection) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            connection.EnsureStarted();
            return Task.CompletedTask;
        }

        // The container disposes the connection; nothing to stop here.
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
