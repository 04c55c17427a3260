using Npgsql;
using Scale.Functions.Infrastructure.Redis;
using Scale.Functions.Infrastructure.Storage;

namespace Scale.Functions.Infrastructure;

/// <summary>One dependency /health/ready reports on. Implementations answer quickly and never throw.</summary>
public interface IReadinessCheck
{
    string Name { get; }
    Task<bool> IsReadyAsync(CancellationToken cancellationToken);
}

public sealed class DatabaseReadiness(NpgsqlDataSource dataSource) : IReadinessCheck
{
    public string Name => "database";

    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var cmd = dataSource.CreateCommand("SELECT 1");
            return await cmd.ExecuteScalarAsync(cancellationToken) is 1;
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException) { return false; }
    }
}

public sealed class RedisReadiness(RedisConnection redis) : IReadinessCheck
{
    public string Name => "redis";
    public Task<bool> IsReadyAsync(CancellationToken cancellationToken) => redis.PingAsync(TimeSpan.FromSeconds(1), cancellationToken);
}

public sealed class StorageReadiness(IStatementStorage storage) : IReadinessCheck
{
    public string Name => "storage";

    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        try { return await storage.PingAsync(cancellationToken); }
        catch (Exception ex) when (ex is not OperationCanceledException) { return false; }
    }
}
