using System.Reflection;
using Microsoft.AspNetCore.Http;
using Scale.Functions.Infrastructure;

namespace Scale.Functions.Api;

/// <summary>GET /health (liveness: the process answers) and GET /health/ready (each dependency, short timeouts).</summary>
public sealed class HealthApi(IEnumerable<IReadinessCheck> checks, TimeProvider clock)
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The probe is anonymous and queries Postgres, Redis and storage: without a cache anyone could turn it into
    /// load on all three. Callers within this window (and concurrent callers) share one round of checks; a load
    /// balancer probing every few seconds still sees an outage within this much.
    /// </summary>
    public static readonly TimeSpan ReadyCacheDuration = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private Task<ReadyResponse>? _ready;
    private DateTimeOffset _readyUntil;

    public HealthApi(IEnumerable<IReadinessCheck> checks) : this(checks, TimeProvider.System) { }

    public static string Version { get; } =
        typeof(HealthApi).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public sealed record LiveResponse(string Status, string Version);

    public sealed record ReadyResponse(string Status, string Version, IReadOnlyDictionary<string, string> Checks);

    public Task<IResult> HealthLive(HttpRequest request, CancellationToken cancellationToken) =>
        Task.FromResult<IResult>(TypedResults.Ok(new LiveResponse("ok", Version)));

    public async Task<IResult> HealthReady(HttpRequest request, CancellationToken cancellationToken)
    {
        Task<ReadyResponse> ready;
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            if (_ready is null || now >= _readyUntil)
            {
                // Not tied to this caller's cancellation: the round is shared; each check has its own timeout.
                _ready = CheckAllAsync();
                _readyUntil = now + ReadyCacheDuration;
            }
            ready = _ready;
        }
        var body = await ready.WaitAsync(cancellationToken);
        return body.Status == "ready" ? TypedResults.Ok(body) : TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private async Task<ReadyResponse> CheckAllAsync()
    {
        var results = await Task.WhenAll(checks.Select(async check =>
        {
            using var timeout = new CancellationTokenSource(CheckTimeout);
            bool ok;
            try { ok = await check.IsReadyAsync(timeout.Token).WaitAsync(timeout.Token); }
            catch (OperationCanceledException) { ok = false; }
            return (check.Name, ok);
        }));

        var map = results.ToDictionary(r => r.Name, r => r.ok ? "ok" : "error");
        return new ReadyResponse(results.All(r => r.ok) ? "ready" : "degraded", Version, map);
    }
}
