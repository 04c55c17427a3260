using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Npgsql;
using Scale.Functions.Api;
using Scale.Functions.Api.Http;
using Scale.Functions.Pipeline.Throttling;

namespace Scale.Functions.Pipeline.Concurrency;

/// <summary>
/// Concurrency__*: in-flight caps for heavy routes (import, parse, uploads, batch classify, training). Each holds a
/// pooled connection (or a CPU core parsing) for seconds, so without a cap one user's burst exhausts the pool for
/// everyone. Sizing: instances × Max Pool Size ≤ Postgres max_connections − headroom (ops, migrations); of one
/// instance's pool, heavy routes get at most a quarter by default so listing, classify and health keep answering.
/// </summary>
public sealed class ConcurrencyOptions
{
    /// <summary>Heavy requests in flight per instance; 0 = a quarter of the Npgsql Max Pool Size (at least 1).</summary>
    public int HeavyPerInstance { get; set; }
    /// <summary>Heavy requests in flight per user: beyond it 429 at once (a user cannot take the whole instance).</summary>
    public int HeavyPerUser { get; set; } = 2;
    /// <summary>Requests that may wait for an instance slot; beyond it, or after the wait, 503.</summary>
    public int HeavyQueue { get; set; } = 16;
    public int HeavyQueueWaitMilliseconds { get; set; } = 2000;

    public IEnumerable<string> Validate()
    {
        if (HeavyPerInstance < 0) yield return "Concurrency:HeavyPerInstance must be 0 (from the pool) or more.";
        if (HeavyPerUser < 1) yield return "Concurrency:HeavyPerUser must be at least 1.";
        if (HeavyQueue < 0) yield return "Concurrency:HeavyQueue must be 0 or more.";
        if (HeavyQueueWaitMilliseconds is < 0 or > 30_000) yield return "Concurrency:HeavyQueueWaitMilliseconds must be between 0 and 30000.";
    }
}

/// <summary>
/// The fair, bounded concurrency of heavy routes (System.Threading.RateLimiting): a per-user cap first (no queue:
/// a user's own excess is 429, it must not occupy the instance's queue), then the instance cap with a short
/// bounded queue (oldest first); a request that finds no slot in time is 503 with Retry-After.
/// </summary>
public sealed class HeavyRouteGate : IDisposable
{
    private readonly ConcurrencyOptions _options;
    private readonly ConcurrencyLimiter _instance;
    private readonly PartitionedRateLimiter<string> _perUser;

    public HeavyRouteGate(IOptions<ConcurrencyOptions> options, NpgsqlDataSource dataSource)
    {
        _options = options.Value;
        var pool = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).MaxPoolSize;
        PerInstance = _options.HeavyPerInstance > 0 ? _options.HeavyPerInstance : Math.Max(1, pool / 4);
        _instance = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = PerInstance, QueueLimit = _options.HeavyQueue, QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        _perUser = PartitionedRateLimiter.Create<string, string>(user => RateLimitPartition.GetConcurrencyLimiter(user,
            _ => new ConcurrencyLimiterOptions { PermitLimit = _options.HeavyPerUser, QueueLimit = 0 }));
    }

    public int PerInstance { get; }

    /// <summary>Heavy: the import throttle tier (import, parse, uploads), training, or an import-sized body (batch classify).</summary>
    public static bool IsHeavy(ApiRoute route) =>
        route.Tier is ThrottleTier.Import or ThrottleTier.Training || route.Body == BodyLimit.Import;

    /// <returns>The leases to dispose when the request ends, or the problem to answer with.</returns>
    public async Task<(IDisposable? Lease, ProblemResult? Refusal)> EnterAsync(string userId, CancellationToken cancellationToken)
    {
        var user = _perUser.AttemptAcquire(userId);
        if (!user.IsAcquired)
        {
            user.Dispose();
            return (null, Problems.TooManyInFlight(_options.HeavyPerUser));
        }
        RateLimitLease instance;
        using (var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            wait.CancelAfter(_options.HeavyQueueWaitMilliseconds);
            try { instance = await _instance.AcquireAsync(1, wait.Token); }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                instance = null!;
            }
        }
        if (instance is not { IsAcquired: true })
        {
            instance?.Dispose();
            user.Dispose();
            return (null, Problems.ServiceUnavailable("This instance is at its limit for imports, uploads and other heavy requests; retry shortly.", RequestPipeline.TransientRetryAfterSeconds));
        }
        return (new Leases(user, instance), null);
    }

    public void Dispose()
    {
        _instance.Dispose();
        _perUser.Dispose();
    }

    private sealed class Leases(RateLimitLease user, RateLimitLease instance) : IDisposable
    {
        public void Dispose()
        {
            instance.Dispose();
            user.Dispose();
        }
    }
}
