using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Scale.Functions.Api;
using Scale.Functions.Api.Http;
using Scale.Functions.Pipeline.Auth;
using Scale.Functions.Pipeline.Concurrency;
using Scale.Functions.Pipeline.Faults;
using Scale.Functions.Pipeline.Throttling;

namespace Scale.Functions.Pipeline;

/// <summary>
/// The request pipeline of ARCHITECTURE.md §4, host-neutral, in this order:
/// request id → problem-details error boundary → security headers → CORS → body size limit → JWT authentication
/// → throttling → handler → structured request log.
/// Each host adapts it: the local host executes the returned result on the HttpContext; the Functions middleware
/// sets it as the invocation result. A null return means the handler ran and produced the response.
/// </summary>
public sealed class RequestPipeline(
    CorsPolicy cors,
    IOptions<BodyLimitOptions> bodyLimits,
    IOptions<NetworkOptions> network,
    IRequestAuthenticator authenticator,
    IRequestThrottle throttle,
    RequestLog requestLog,
    DependencyIncidentLog incidents,
    HeavyRouteGate heavyRoutes,
    ILogger<RequestPipeline> logger)
{
    /// <summary>Long enough for a pool to drain or a restarted dependency to accept connections, short enough
    /// that a user's retry lands soon after recovery.</summary>
    public const int TransientRetryAfterSeconds = 5;

    /// <param name="route">The matched API route, or null when nothing matched (unknown path or method).</param>
    public async Task<IResult?> RunAsync(HttpContext context, ApiRoute? route, Func<Task> next)
    {
        RequestIds.Establish(context);
        requestLog.Begin(context, route?.Name ?? "unmatched");
        try
        {
            SecurityHeaders.Apply(context);
            var shortCircuit = await RunGuardedStepsAsync(context, route, next);
            if (shortCircuit is not null) return shortCircuit;

            // A bare error status from the framework (no route, wrong method) still gets a problem body.
            var response = context.Response;
            if (!response.HasStarted && response.StatusCode >= 400 && response.ContentLength is null && response.ContentType is null)
                return Problems.ForStatus(response.StatusCode);
            return null;
        }
        catch (BadHttpRequestException ex)
        {
            return ex.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? Problems.PayloadTooLarge(ex.Message)
                : Problems.BadRequest("bad_request", ex.Message);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return null; // the client left; nobody is there to answer
        }
        catch (Exception ex) when (TransientFailure.Classify(ex) is { } dependency)
        {
            // A dependency down or saturated is not a bug: 503 + Retry-After so clients back off and retry, and
            // one warning per incident rather than an error per request.
            incidents.Record(dependency, ex, route?.Name ?? "unmatched");
            return Problems.ServiceUnavailable(
                $"A service this request needs ({dependency.ToString().ToLowerInvariant()}) is unavailable or overloaded; retry after {TransientRetryAfterSeconds} seconds.",
                TransientRetryAfterSeconds);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Unhandled exception in {Route}", route?.Name ?? "unmatched");
            return Problems.Internal();
        }
    }

    private async Task<IResult?> RunGuardedStepsAsync(HttpContext context, ApiRoute? route, Func<Task> next)
    {
        if (cors.Apply(context, route is null ? null : [route.Method]) is { } corsResult) return corsResult;
        if (RequestHeadLimits.Check(context.Request) is { } tooLarge) return tooLarge;

        if (route is not null && route.Body != BodyLimit.None)
        {
            var limit = bodyLimits.Value.For(route.Body);
            if (BodyLimitEnforcer.Exceeds(context, limit))
                return Problems.PayloadTooLarge($"The request body is {context.Request.ContentLength} bytes; this route accepts at most {limit}.");
            BodyLimitEnforcer.Wrap(context, limit);
        }

        string? userId = null;
        if (route is { Anonymous: false })
        {
            AuthOutcome outcome;
            try
            {
                outcome = await authenticator.AuthenticateAsync(context.Request.Headers.Authorization.ToString(), context.RequestAborted);
            }
            catch (SigningKeysUnavailableException ex)
            {
                // Our identity provider is unreachable: not the caller's fault, so not a 401.
                logger.LogError(ex, "Signing keys unavailable; rejecting {Route} with 503", route.Name);
                return Problems.ServiceUnavailable("Token signing keys cannot be fetched right now; retry shortly.", TransientRetryAfterSeconds);
            }
            if (!outcome.Succeeded || outcome.UserId is null)
            {
                // Failures are counted per client IP in their own tier, so valid callers behind the same address
                // are not limited by someone else's bad tokens, and a flood of wrong tokens turns into cheap 429s.
                var failures = await throttle.CheckAsync("authfail:ip:" + ClientAddress.Resolve(context, network.Value.TrustForwardedFor),
                    ThrottleTier.FailedAuthentication, context.RequestAborted);
                if (!failures.Allowed) return Problems.TooManyRequests(RetryAfterSeconds(failures));
                return Problems.Unauthorized(outcome.FailureCode ?? AuthFailureCodes.MalformedToken,
                    outcome.FailureDetail ?? "The token was not accepted.", outcome.WwwAuthenticate ?? "Bearer realm=\"scale\"");
            }
            userId = outcome.UserId;
            CallerContext.SetUser(context, outcome.Principal!, userId);
        }

        var tier = route?.Tier ?? ThrottleTier.Default; // unmatched paths are throttled per IP: scans cost the scanner
        if (tier != ThrottleTier.Unlimited)
        {
            var partition = userId is not null ? "user:" + userId : "ip:" + ClientAddress.Resolve(context, network.Value.TrustForwardedFor);
            var decision = await throttle.CheckAsync(partition, tier, context.RequestAborted);
            var headers = context.Response.Headers;
            headers["X-RateLimit-Limit"] = decision.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
            headers["X-RateLimit-Remaining"] = decision.Remaining.ToString(System.Globalization.CultureInfo.InvariantCulture);
            headers["X-RateLimit-Reset"] = decision.ResetAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!decision.Allowed)
                return Problems.TooManyRequests(RetryAfterSeconds(decision));
        }

        if (route is not null && userId is not null && HeavyRouteGate.IsHeavy(route))
        {
            var (lease, refusal) = await heavyRoutes.EnterAsync(userId, context.RequestAborted);
            if (refusal is not null) return refusal;
            using (lease) await next();
            return null;
        }

        await next();
        return null;
    }

    private static int RetryAfterSeconds(ThrottleDecision decision) => Math.Max(1, (int)Math.Ceiling(decision.RetryAfter.TotalSeconds));
}
