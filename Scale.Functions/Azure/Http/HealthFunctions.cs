using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Scale.Functions.Api;

namespace Scale.Functions.Azure.Http;

/// <summary>GET /health, GET /health/ready → <see cref="HealthApi"/>.</summary>
public sealed class HealthFunctions(HealthApi api)
{
    [Function(ApiRoutes.Names.HealthLive)]
    public Task<IResult> HealthLive(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Templates.HealthLive)] HttpRequest request,
        CancellationToken cancellationToken) => api.HealthLive(request, cancellationToken);

    [Function(ApiRoutes.Names.HealthReady)]
    public Task<IResult> HealthReady(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Templates.HealthReady)] HttpRequest request,
        CancellationToken cancellationToken) => api.HealthReady(request, cancellationToken);
}
