using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Scale.Functions.Api;

namespace Scale.Functions.Azure.Http;

/// <summary>
/// OPTIONS on any path. The Functions host only routes methods a function declares, so without this a browser
/// preflight would never reach the pipeline, whose CORS step answers it (204 or 403) before this body runs.
/// Platform CORS on the Function App stays empty so the allow-list lives in one place (Cors__AllowedOrigins).
/// </summary>
public sealed class CorsPreflightFunction
{
    [Function(ApiRoutes.Names.CorsPreflight)]
    public IResult CorsPreflight(
        [HttpTrigger(AuthorizationLevel.Anonymous, "options", Route = ApiRoutes.Templates.AnyPath)] HttpRequest request) =>
        Results.NoContent();
}
