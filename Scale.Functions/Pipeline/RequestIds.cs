using Microsoft.AspNetCore.Http;

namespace Scale.Functions.Pipeline;

/// <summary>X-Request-ID in and out: a client's id is echoed when it is safe to echo, otherwise a new one is made.</summary>
public static class RequestIds
{
    public const string Header = "X-Request-ID";
    private const string ItemKey = "scale.request_id";
    private const int MaxLength = 128;

    public static string Establish(HttpContext context)
    {
        var incoming = context.Request.Headers[Header].ToString();
        var id = IsSafe(incoming) ? incoming : Guid.NewGuid().ToString("N");
        context.Items[ItemKey] = id;
        context.TraceIdentifier = id;
        context.Response.OnStarting(static state =>
        {
            var (ctx, requestId) = ((HttpContext, string))state;
            ctx.Response.Headers[Header] = requestId;
            return Task.CompletedTask;
        }, (context, id));
        return id;
    }

    public static string Get(HttpContext context) => context.Items[ItemKey] as string ?? context.TraceIdentifier;

    // Echoing arbitrary header text invites header/log injection; accept only a conservative token alphabet.
    private static bool IsSafe(string value) =>
        value.Length is > 0 and <= MaxLength &&
        value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');
}
