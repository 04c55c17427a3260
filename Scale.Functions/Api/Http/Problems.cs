using Microsoft.AspNetCore.Http;

namespace Scale.Functions.Api.Http;

/// <summary>The catalogue of problem responses, so codes and titles are spelled once.</summary>
public static class Problems
{
    public static ProblemResult Validation(IReadOnlyDictionary<string, string[]> errors, string? detail = null) =>
        new(StatusCodes.Status400BadRequest, "validation_failed", "The request is not valid.",
            detail ?? "One or more fields are invalid; see errors.", errors);

    public static ProblemResult Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] }, message);

    public static ProblemResult MalformedJson(string detail) =>
        new(StatusCodes.Status400BadRequest, "malformed_json", "The request body is not valid JSON for this route.", detail);

    public static ProblemResult BadRequest(string code, string detail) =>
        new(StatusCodes.Status400BadRequest, code, "The request is not valid.", detail);

    public static ProblemResult UnsupportedMediaType(string detail) =>
        new(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type", "Unsupported media type.", detail);

    public static ProblemResult PayloadTooLarge(string detail) =>
        new(StatusCodes.Status413PayloadTooLarge, "payload_too_large", "The request body is too large.", detail);

    public static ProblemResult UriTooLong(string detail) =>
        new(StatusCodes.Status414UriTooLong, "uri_too_long", "The request URI is too long.", detail);

    public static ProblemResult RequestHeadersTooLarge(string detail) =>
        new(StatusCodes.Status431RequestHeaderFieldsTooLarge, "request_headers_too_large", "The request headers are too large.", detail);

    public static ProblemResult Unprocessable(string code, string detail, IReadOnlyDictionary<string, object?>? extensions = null) =>
        new(StatusCodes.Status422UnprocessableEntity, code, "The content could not be processed.", detail, extensions: extensions);

    public static ProblemResult NotFound(string detail = "No resource exists at this address.") =>
        new(StatusCodes.Status404NotFound, "not_found", "Not found.", detail);

    public static ProblemResult MethodNotAllowed(string detail = "This route does not accept that method.") =>
        new(StatusCodes.Status405MethodNotAllowed, "method_not_allowed", "Method not allowed.", detail);

    public static ProblemResult Forbidden(string detail) =>
        new(StatusCodes.Status403Forbidden, "forbidden", "Forbidden.", detail);

    public static ProblemResult Conflict(string code, string detail) =>
        new(StatusCodes.Status409Conflict, code, "Conflict.", detail);

    /// <param name="challenge">The WWW-Authenticate value (RFC 6750 §3): the reason for non-JSON clients too.</param>
    public static ProblemResult Unauthorized(string code, string detail, string challenge)
    {
        var problem = new ProblemResult(StatusCodes.Status401Unauthorized, code, "Authentication failed.", detail);
        problem.Headers["WWW-Authenticate"] = challenge;
        return problem;
    }

    public static ProblemResult TooManyRequests(int retryAfterSeconds)
    {
        var problem = new ProblemResult(StatusCodes.Status429TooManyRequests, "rate_limited", "Too many requests.",
            $"The rate limit for this route was reached; retry after {retryAfterSeconds} seconds.");
        problem.Headers["Retry-After"] = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return problem;
    }

    /// <summary>The user already has as many heavy requests in flight as allowed (429 like a rate limit: their own
    /// excess, retry when one finishes).</summary>
    public static ProblemResult TooManyInFlight(int perUser)
    {
        var problem = new ProblemResult(StatusCodes.Status429TooManyRequests, "rate_limited", "Too many requests.",
            $"At most {perUser} imports, uploads or other heavy requests run at once per user; retry when one has finished.");
        problem.Headers["Retry-After"] = "1";
        return problem;
    }

    /// <param name="retryAfterSeconds">Every 503 says when to come back (RFC 9110 §10.2.3), so clients back off
    /// instead of hammering a dependency that is recovering.</param>
    public static ProblemResult ServiceUnavailable(string detail, int retryAfterSeconds)
    {
        var problem = new ProblemResult(StatusCodes.Status503ServiceUnavailable, "service_unavailable", "Service unavailable.", detail);
        problem.Headers["Retry-After"] = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return problem;
    }

    public static ProblemResult Internal() =>
        new(StatusCodes.Status500InternalServerError, "internal_error", "An unexpected error occurred.",
            "The server failed to handle this request. Quote the request_id when reporting it.");

    /// <summary>A problem for a bare status code a framework produced (unknown route, wrong method...).</summary>
    public static ProblemResult ForStatus(int status) => status switch
    {
        404 => NotFound(),
        405 => MethodNotAllowed(),
        413 => PayloadTooLarge("The request body exceeds the limit for this route."),
        414 => UriTooLong("The request URI is too long."),
        431 => RequestHeadersTooLarge("The request headers are too large."),
        415 => UnsupportedMediaType("The request's content type is not accepted by this route."),
        _ when status >= 500 => Internal(),
        _ => new ProblemResult(status, "http_" + status, Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status), "The request could not be handled."),
    };
}
