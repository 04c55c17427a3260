using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Scale.Functions.Api;

namespace Scale.Functions.Azure.Http;

/// <summary>GET /forecast and GET /forecast/{user_id} → <see cref="ForecastApi"/>.</summary>
public sealed class ForecastFunctions(ForecastApi api)
{
    [Function(ApiRoutes.Names.GetForecast)]
    public Task<IResult> GetForecast(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Templates.Forecast)] HttpRequest request,
        CancellationToken cancellationToken) => api.GetForecast(request, cancellationToken);

    // The route parameter binds by name, so the C# parameter carries the template's snake_case name.
#pragma warning disable CA1707
    [Function(ApiRoutes.Names.GetUserForecast)]
    public Task<IResult> GetUserForecast(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Templates.UserForecast)] HttpRequest request,
        string user_id, CancellationToken cancellationToken) => api.GetUserForecast(request, user_id, cancellationToken);
#pragma warning restore CA1707
}
