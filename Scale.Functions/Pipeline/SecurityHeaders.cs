using Microsoft.AspNetCore.Http;

namespace Scale.Functions.Pipeline;

/// <summary>Security headers on every response, success or error (applied when the response starts).</summary>
public static class SecurityHeaders
{
    public static void Apply(HttpContext context) =>
        context.Response.OnStarting(static state =>
        {
            var headers = ((HttpContext)state).Response.Headers;
            headers.XFrameOptions = "DENY";
            headers.XContentTypeOptions = "nosniff";
            headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
            headers["Cross-Origin-Resource-Policy"] = "same-site";
            if (!headers.ContainsKey("Cache-Control")) headers.CacheControl = "no-store";
            headers.Remove("Server");
            headers.Remove("X-Powered-By");
            return Task.CompletedTask;
        }, context);
}
