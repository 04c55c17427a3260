using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Scale.Functions.Infrastructure.Redis;

/// <summary>
/// The process-wide Redis multiplexer. It connects in the background and never blocks a request waiting for
/// Redis: callers ask <see cref="TryGetDatabase"/> and get null while the server is unreachable, so they can
/// degrade (the throttle falls back to in-process limits) instead of stalling.
/// </summary>
public sealed class RedisConnection : IAsyncDisposable
{
    public const string ConnectionStringName = "Redis";

    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    private readonly ConfigurationOptions _options;
    private readonly ILogger<RedisConnection> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly object _startLock = new();
    private Task? _connectLoop;
    private volatile ConnectionMultiplexer? _multiplexer;
    private int _disposed;

    public RedisConnection(IConfiguration configuration, ILogger<RedisConnection> logger)
        : this(ParseConnectionString(configuration.GetConnectionString(ConnectionStringName)), logger)
    {
    }

    internal RedisConnection(ConfigurationOptions options, ILogger<RedisConnection> logger)
    {
        _options = options;
        _logger = logger;
    }

    /// <summary>Endpoints only (never the password), for logs and health output.</summary>
    public string EndpointDescription => string.Join(",", _options.EndPoints.Select(e => e.ToString()));

    /// <summary>
    /// A database handle while connected, otherwise null. Starts the background connect on first use.
    /// Never waits on the network.
    /// </summary>
    public IDatabase? TryGetDatabase()
    {
        EnsureStarted();
        var multiplexer = _multiplexer;
        return multiplexer is { IsConnected: true } ? multiplexer.GetDatabase() : null;
    }

    /// <summary>True when Redis answers PING within <paramref name="timeout"/>; for readiness probes.</summary>
    public async Task<bool> PingAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var database = TryGetDatabase();
        if (database is null)
        {
            return false;
        }

        try
        {
            await database.PingAsync().WaitAsync(timeout, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            _logger.LogDebug(ex, "Redis ping to {RedisEndpoints} failed", EndpointDescription);
            return false;
        }
    }

    /// <summary>Starts connecting in the background; idempotent. Called at host start and on first use.</summary>
    public void EnsureStarted()
    {
        if (_connectLoop is not null || Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        lock (_startLock)
        {
            _connectLoop ??= Task.Run(() => ConnectLoopAsync(_stopping.Token));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync();
        if (_connectLoop is not null)
        {
            // The loop only ends on cancellation; it never throws.
            await _connectLoop;
        }

        var multiplexer = _multiplexer;
        _multiplexer = null;
        if (multiplexer is not null)
        {
            await multiplexer.CloseAsync(allowCommandsToComplete: false);
            multiplexer.Dispose();
        }

        _stopping.Dispose();
    }

    /// <summary>Parses and hardens a connection string; a clear error at startup beats a vague one per request.</summary>
    internal static ConfigurationOptions ParseConnectionString(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"Connection string '{ConnectionStringName}' is not set (ConnectionStrings__{ConnectionStringName}). " +
                "Redis holds the rate-limit windows; set it to e.g. '127.0.0.1:6379'.");
        }

        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(connectionString);
        }
        catch (ArgumentException ex)
        {
            // The message names the bad keyword; the connection string itself may hold a password, so it is not echoed.
            throw new InvalidOperationException(
                $"Connection string '{ConnectionStringName}' is malformed: {ex.Message}", ex);
        }

        if (options.EndPoints.Count == 0)
        {
            throw new InvalidOperationException(
                $"Connection string '{ConnectionStringName}' names no endpoint (expected 'host:port[,option=value...]').");
        }

        // Never fail startup because Redis is down; keep retrying in the background instead.
        options.AbortOnConnectFail = false;
        if (!connectionString.Contains("connectTimeout", StringComparison.OrdinalIgnoreCase))
        {
            options.ConnectTimeout = 2000;
        }

        if (!connectionString.Contains("syncTimeout", StringComparison.OrdinalIgnoreCase))
        {
            options.SyncTimeout = 1000;
        }

        return options;
    }

    private async Task ConnectLoopAsync(CancellationToken stopping)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                // With AbortOnConnectFail=false this returns even when the server is down, and the multiplexer
                // keeps reconnecting by itself; the loop only repeats if the call itself throws.
                var multiplexer = await ConnectionMultiplexer.ConnectAsync(_options);
                if (stopping.IsCancellationRequested)
                {
                    await multiplexer.CloseAsync(allowCommandsToComplete: false);
                    multiplexer.Dispose();
                    return;
                }

                multiplexer.ConnectionFailed += (_, e) => _logger.LogWarning(
                    "Redis connection to {RedisEndpoint} failed: {FailureType}", e.EndPoint?.ToString(), e.FailureType);
                multiplexer.ConnectionRestored += (_, e) => _logger.LogInformation(
                    "Redis connection to {RedisEndpoint} restored", e.EndPoint?.ToString());
                _multiplexer = multiplexer;
                if (!multiplexer.IsConnected)
                {
                    _logger.LogWarning(
                        "Redis at {RedisEndpoints} is not reachable yet; retrying in the background", EndpointDescription);
                }

                return;
            }
            catch (Exception ex)
            {
                // Whatever the cause, the answer is the same: stay disconnected and retry with backoff.
                _logger.LogWarning(ex, "Connecting to Redis at {RedisEndpoints} failed; retrying in {RetryDelay}",
                    EndpointDescription, delay);
            }

            try
            {
                await Task.Delay(delay, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
        }
    }
}
