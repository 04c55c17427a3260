using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Scale.Functions.Infrastructure.Redis;
using Scale.Functions.Pipeline.Throttling;
using Scale.Functions.Tests.Support;

namespace Scale.Functions.Tests.Throttling;

/// <summary>The local stack's Redis (<see cref="StackSettings"/>), with helpers for throttle tests.</summary>
internal static class RedisTestSupport
{
    public static string ConnectionString => StackSettings.Redis;

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
    public static string DeadEndpoint() => $"127.0.0.1:{FreePort()},connectTimeout=500";

    /// <summary>A loopback port nothing listens on (bound and released).</summary>
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>
    /// A private redis-server on 127.0.0.1:<paramref name="port"/> (no persistence), for tests that stop Redis: the
    /// shared stack's server is never touched. Its output is drained so a chatty server cannot block on a full pipe.
    /// </summary>
    public static System.Diagnostics.Process StartRedisServer(int port)
    {
        var start = new System.Diagnostics.ProcessStartInfo("redis-server")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
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
}
