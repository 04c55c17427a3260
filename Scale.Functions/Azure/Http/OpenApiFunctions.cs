using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Scale.Functions.Api;

namespace Scale.Functions.Azure.Http;

/// <summary>GET /openapi.json → <see cref="OpenApiApi"/>.</summary>
public sealed class OpenApiFunctions(OpenApiApi api)
{
    [Function(ApiRoutes.Names.GetOpenApiDocument)]
    public Task<IResult> GetOpenApiDocument(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Templates.OpenApiDocument)] HttpRequest request,
        CancellationToken cancellationToken) => api.GetOpenApiDocument(request, cancellationToken);
}
