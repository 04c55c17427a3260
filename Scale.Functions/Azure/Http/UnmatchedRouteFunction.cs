using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Scale.Functions.Api;

namespace Scale.Functions.Azure.Http;

/// <summary>
/// Any method but OPTIONS (<see cref="CorsPreflightFunction"/>) on a path no other function takes →
/// <see cref="UnmatchedRouteApi"/>: our 404/405 problem with request_id, not the host's bare 404.
/// </summary>
public sealed class UnmatchedRouteFunction(UnmatchedRouteApi api)
{
    [Function(ApiRoutes.Names.UnmatchedRoute)]
    public IResult UnmatchedRoute(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", "put", "patch", "delete", "head", Route = ApiRoutes.Templates.AnyPath)] HttpRequest request) =>
        api.Answer(request);
}
