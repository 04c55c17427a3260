using System.Reflection;
using Microsoft.AspNetCore.Http;
using Scale.Functions.Infrastructure;

namespace Scale.Functions.Api;

/// <summary>GET /health (liveness: the process answers) and GET /health/ready (each dependency, short timeouts).</summary>
public sealed class HealthApi(IEnumerable<IReadinessCheck> checks)
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(2);

    public static string Version { get; } =
        typeof(HealthApi).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public sealed record LiveResponse(string Status, string Version);

    public sealed record ReadyResponse(string Status, string Version, IReadOnlyDictionary<string, string> Checks);

    public Task<IResult> HealthLive(HttpRequest request, CancellationToken cancellationToken) =>
        Task.FromResult<IResult>(TypedResults.Ok(new LiveResponse("ok", Version)));

    public async Task<IResult> HealthReady(HttpRequest request, CancellationToken cancellationToken)
    {
        var results = await Task.WhenAll(checks.Select(async check =>
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(CheckTimeout);
            bool ok;
            try { ok = await check.IsReadyAsync(timeout.Token).WaitAsync(timeout.Token); }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested) { ok = false; }
            return (check.Name, ok);
        }));

        var map = results.ToDictionary(r => r.Name, r => r.ok ? "ok" : "error");
        var ready = results.All(r => r.ok);
        var body = new ReadyResponse(ready ? "ready" : "degraded", Version, map);
        return ready ? TypedResults.Ok(body) : TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
