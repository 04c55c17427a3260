using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Scale.Functions.Api;

namespace Scale.Functions.Azure.Http;

/// <summary>GET /profile, PUT /settings → <see cref="ProfileApi"/>.</summary>
public sealed class ProfileFunctions(ProfileApi api)
{
    [Function(ApiRoutes.Names.GetProfile)]
    public Task<IResult> GetProfile(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Templates.Profile)] HttpRequest request,
        CancellationToken cancellationToken) => api.GetProfile(request, cancellationToken);

    [Function(ApiRoutes.Names.UpdateSettings)]
    public Task<IResult> UpdateSettings(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = ApiRoutes.Templates.Settings)] HttpRequest request,
        CancellationToken cancellationToken) => api.UpdateSettings(request, cancellationToken);
}
