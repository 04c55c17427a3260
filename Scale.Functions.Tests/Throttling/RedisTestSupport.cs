using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Scale.Functions.Infrastructure.Redis;
using Scale.Functions.Pipeline.Throttling;

namespace Scale.Functions.Tests.Throttling;

/// <summary>
/// The local Redis (scripts' stack): <c>ConnectionStrings__Redis</c> from the environment, else from the stack's
/// <c>.local/stack.env</c>, else the stack's fixed port. Kept private to these tests on purpose.
/// </summary>
internal static class RedisTestSupport
{
    private const string Key = "ConnectionStrings__Redis";

    public static string ConnectionString { get; } = Load();

    public static RedisConnection Connect(string? connectionString = null) => new(
        new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = connectionString ?? ConnectionString })
            .Build(),
        NullLogger<RedisConnection>.Instance);

    /// <summary>Waits (polling, bounded) until the background connect has finished.</summary>
    public static async Task<RedisConnection> ConnectedAsync()
    {
        var connection = Connect();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (connection.TryGetDatabase() is null)
        {
            if (DateTime.UtcNow > deadline)
            {
                await connection.DisposeAsync();
                throw new InvalidOperationException($"Redis at {ConnectionString} is not reachable; start the local stack first.");
            }

            await Task.Delay(20);
        }

        return connection;
    }

    /// <summary>A loopback address where nothing listens: an ephemeral port bound and released.</summary>
    public static string DeadEndpoint()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"127.0.0.1:{port},connectTimeout=500";
    }

    /// <summary>Options with a unique key prefix, so tests never see each other's windows.</summary>
    public static RateLimitingOptions Options(int limit, int windowSeconds) => new()
    {
        Default = new TierLimit { Limit = limit, WindowSeconds = windowSeconds },
        Import = new TierLimit { Limit = limit, WindowSeconds = windowSeconds },
        Classify = new TierLimit { Limit = limit, WindowSeconds = windowSeconds },
        Training = new TierLimit { Limit = limit, WindowSeconds = windowSeconds },
        KeyPrefix = $"scale:test:{Guid.NewGuid():N}:",
    };

    public static IOptions<RateLimitingOptions> Wrap(RateLimitingOptions options) => Microsoft.Extensions.Options.Options.Create(options);

    private static string Load()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(Key);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return fromEnvironment;
        }

        foreach (var file in CandidateEnvFiles())
        {
            if (!File.Exists(file))
            {
                continue;
            }

            foreach (var line in File.ReadLines(file))
            {
                var separator = line.IndexOf('=', StringComparison.Ordinal);
                if (separator > 0 && line[..separator].Trim() == Key)
                {
                    return line[(separator + 1)..].Trim();
                }
            }
        }

        return "127.0.0.1:56379";
    }

    private static IEnumerable<string> CandidateEnvFiles()
    {
        // The repository's own stack first (walking up from bin/), then the main checkout's for worktrees.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            yield return Path.Combine(dir.FullName, ".local", "stack.env");
        }

        yield return "/work/main/.local/stack.env";
    }
}
