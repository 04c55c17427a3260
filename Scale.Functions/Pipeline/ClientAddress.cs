using Microsoft.AspNetCore.Http;

namespace Scale.Functions.Pipeline;

/// <summary>Network__TrustForwardedFor: true behind Azure's front end, which appends the real client address.</summary>
public sealed class NetworkOptions
{
    public bool TrustForwardedFor { get; set; }
}

public static class ClientAddress
{
    /// <summary>
    /// The caller's address for per-IP throttling. When trusted, the LAST X-Forwarded-For entry is used: the
    /// platform appends the address it saw, while earlier entries are whatever the client chose to send.
    /// </summary>
    public static string Resolve(HttpContext context, bool trustForwardedFor)
    {
        if (trustForwardedFor)
        {
            var forwarded = context.Request.Headers["X-Forwarded-For"].ToString();
            var last = forwarded.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
            if (last is not null && System.Net.IPAddress.TryParse(StripPort(last), out var ip)) return ip.ToString();
        }
        return context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
    }

    private static string StripPort(string value)
    {
        // "1.2.3.4:5678" (App Service adds ports); IPv6 "[::1]:80".
        if (value.StartsWith('[')) return value[1..value.IndexOf(']', StringComparison.Ordinal)];
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && value.IndexOf(':', colon + 1) < 0 ? value[..colon] : value;
    }
}
