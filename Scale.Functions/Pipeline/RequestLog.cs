using System.Diagnostics;
using Microsoft.ApplicationInsights;
using Microsoft.ApplicationInsights.DataContracts;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Scale.Functions.Api.Http;

namespace Scale.Functions.Pipeline;

/// <summary>
/// One structured log line per request (duration, status, user, route, request id) when the response completes,
/// and a request telemetry item where this host owns request telemetry (the Functions host tracks its own).
/// </summary>
public sealed class RequestLog(ILogger<RequestLog> logger, TelemetryClient? telemetry = null, RequestTelemetryMode? mode = null)
{
    public void Begin(HttpContext context, string routeName)
    {
        var started = Stopwatch.GetTimestamp();
        var startedAt = DateTimeOffset.UtcNow;
        context.Response.OnCompleted(() =>
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            var status = context.Response.StatusCode;
            var userId = CallerContext.TryGetUserId(context);
            using (logger.BeginScope(new Dictionary<string, object?>
                   {
                       ["RequestId"] = RequestIds.Get(context),
                       ["UserId"] = userId,
                       ["Route"] = routeName,
                   }))
            {
                logger.Log(LevelFor(status),
                    "HTTP {Method} {Route} responded {StatusCode} in {DurationMs:0.0} ms",
                    context.Request.Method, routeName, status, elapsed.TotalMilliseconds);
            }

            if (telemetry is not null && mode?.TrackRequests == true)
            {
                var request = new RequestTelemetry(routeName, startedAt, elapsed, status.ToString(System.Globalization.CultureInfo.InvariantCulture), status < 400)
                {
                    Url = new Uri($"{context.Request.Scheme}://{context.Request.Host}{context.Request.Path}"),
                };
                request.Properties["RequestId"] = RequestIds.Get(context);
                request.Context.User.AuthenticatedUserId = userId;
                telemetry.TrackRequest(request);
            }
            return Task.CompletedTask;
        });
    }

    /// <summary>
    /// 5xx is an error, except 503: that is a dependency outage the error boundary has already reported once per
    /// incident (DependencyIncidentLog); an error line per refused request would page on-call a thousand times.
    /// </summary>
    internal static LogLevel LevelFor(int status) => status switch
    {
        StatusCodes.Status503ServiceUnavailable => LogLevel.Information,
        >= 500 => LogLevel.Error,
        _ => LogLevel.Information,
    };
}

/// <summary>Registered by the local host only: Functions already reports requests to Application Insights.</summary>
public sealed record RequestTelemetryMode(bool TrackRequests);
