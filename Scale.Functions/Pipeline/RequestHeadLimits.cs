using Microsoft.AspNetCore.Http;
using Scale.Functions.Api.Http;

namespace Scale.Functions.Pipeline;

/// <summary>
/// Limits on the request line and headers, enforced in the pipeline so the answer is the API's problem+json with
/// request id and security headers in both hosts. Kestrel would enforce the same sizes itself (its defaults: 8 KB
/// request line → 414, 32 KB of headers → 431) before any middleware runs, with a bare response; the local host
/// raises Kestrel's ceilings to <see cref="ServerCeilingFactor"/> times these so this step answers first.
/// </summary>
public static class RequestHeadLimits
{
    public const int MaxTargetLength = 8 * 1024;
    public const int MaxHeaderBytes = 32 * 1024;
    /// <summary>Beyond this multiple Kestrel still refuses on its own (bare response): the connection's cost is
    /// bounded there, and nothing legitimate comes close.</summary>
    public const int ServerCeilingFactor = 2;

    public static ProblemResult? Check(HttpRequest request)
    {
        var target = request.Path.ToUriComponent().Length + request.QueryString.ToUriComponent().Length;
        if (target > MaxTargetLength)
            return Problems.UriTooLong($"The request target is {target} characters; at most {MaxTargetLength} are accepted.");

        long headerBytes = 0;
        foreach (var (name, values) in request.Headers)
            foreach (var value in values)
                headerBytes += name.Length + (value?.Length ?? 0) + 4; // "name: value\r\n", as sent on the wire
        return headerBytes > MaxHeaderBytes
            ? Problems.RequestHeadersTooLarge($"The request headers are about {headerBytes} bytes; at most {MaxHeaderBytes} are accepted.")
            : null;
    }
}
