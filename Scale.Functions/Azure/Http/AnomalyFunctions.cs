using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Scale.Functions.Api;

namespace Scale.Functions.Azure.Http;

/// <summary>GET /anomaly/alerts and POST /anomaly/alerts/{alert_id}/dismiss → <see cref="AnomalyApi"/>.</summary>
public sealed class AnomalyFunctions(AnomalyApi api)
{
    [Function(ApiRoutes.Names.ListAnomalyAlerts)]
    public Task<IResult> ListAnomalyAlerts(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Templates.AnomalyAlerts)] HttpRequest request,
        CancellationToken cancellationToken) => api.ListAlerts(request, cancellationToken);

    // The route parameter binds by name, so the C# parameter carries the template's snake_case name.
#pragma warning disable CA1707
    [Function(ApiRoutes.Names.DismissAnomalyAlert)]
    public Task<IResult> DismissAnomalyAlert(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Templates.DismissAnomalyAlert)] HttpRequest request,
        string alert_id, CancellationToken cancellationToken) => api.DismissAlert(request, alert_id, cancellationToken);
#pragma warning restore CA1707
}
