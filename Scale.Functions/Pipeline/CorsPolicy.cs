using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Scale.Functions.Api;
using Scale.Functions.Api.Http;

namespace Scale.Functions.Pipeline;

/// <summary>Cors__AllowedOrigins: comma-separated exact origins (scheme://host[:port]). Empty means no browser origin.</summary>
public sealed class CorsOptions
{
    public string AllowedOrigins { get; set; } = string.Empty;

    /// <summary>A method, not a property: the configuration binder would treat a property as a setting.</summary>
    public IReadOnlySet<string> Origins() =>
        Entries().Select(o => Serialize(o) ?? o).ToHashSet(StringComparer.Ordinal);

    private IEnumerable<string> Entries() =>
        AllowedOrigins.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(o => o.TrimEnd('/'));

    /// <summary>
    /// An origin as browsers serialize it (WHATWG URL / RFC 6454 §6.1): scheme and host in lower case, the
    /// default port left out. Configured origins are stored this way and the Origin header is compared with them
    /// exactly, so "https://App.Example.com" in the settings matches what a browser sends while an Origin header
    /// no browser would send ("https://APP.example.com") is not allowed and never echoed.
    /// </summary>
    public static string? Serialize(string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? $"{uri.Scheme}://{uri.IdnHost}{(uri.IsDefaultPort ? "" : ":" + uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture))}"
            : null;

    public IEnumerable<string> Validate() =>
        Entries().Where(o => o == "*" || !Uri.TryCreate(o, UriKind.Absolute, out var u) || u.AbsolutePath != "/")
            .Select(o => $"Cors:AllowedOrigins entry '{o}' must be an exact origin like https://app.example.com (no wildcards, no path).");
}

/// <summary>Explicit allow-list CORS with preflight. Bearer tokens, no cookies: credentials are never allowed.</summary>
public sealed class CorsPolicy(IOptions<CorsOptions> options)
{
    private const string AllowedHeaders = "Authorization, Content-Type, X-Request-ID";
    private const string ExposedHeaders = "X-Request-ID, Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, Location";
    private readonly IReadOnlySet<string> _origins = options.Value.Origins();

    /// <summary>Adds CORS headers for an allowed origin; answers preflights. Returns a result to short-circuit with.</summary>
    public IResult? Apply(HttpContext context, IReadOnlyCollection<string>? routeMethods)
    {
        var origin = context.Request.Headers.Origin.ToString();
        var isPreflight = HttpMethods.IsOptions(context.Request.Method) &&
                          context.Request.Headers.ContainsKey("Access-Control-Request-Method");
        if (origin.Length == 0)
            return isPreflight ? Problems.Forbidden("A CORS preflight must carry an Origin header.") : null;

        var allowed = _origins.Contains(origin);
        var headers = context.Response.Headers;
        headers.Append("Vary", "Origin");
        if (!allowed)
            return isPreflight ? Problems.Forbidden($"Origin '{origin}' is not allowed.") : null;

        headers.AccessControlAllowOrigin = origin;
        headers.AccessControlExposeHeaders = ExposedHeaders;
        if (!isPreflight) return null;

        // Only what the path accepts (the 405's Allow list); a path no route has gets a preflight that allows
        // nothing, so the browser stops there.
        var methods = routeMethods ?? UnmatchedRouteApi.MethodsFor(context.Request.Path);
        headers.AccessControlAllowMethods = methods.Count > 0 ? string.Join(", ", methods.Append("OPTIONS").Distinct(StringComparer.Ordinal)) : "OPTIONS";
        headers.AccessControlAllowHeaders = AllowedHeaders;
        headers.AccessControlMaxAge = "600";
        return Results.NoContent();
    }
}
