using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace Scale.Functions.Api.Http;

/// <summary>Who is calling: the authenticated `sub`, set by the pipeline's authentication step.</summary>
public static class CallerContext
{
    private const string UserIdKey = "scale.user_id";

    public static void SetUser(HttpContext context, ClaimsPrincipal principal, string userId)
    {
        context.User = principal;
        context.Items[UserIdKey] = userId;
    }

    public static string? TryGetUserId(HttpContext context) => context.Items[UserIdKey] as string;

    /// <summary>The caller's user id; the pipeline guarantees it on every authenticated route.</summary>
    public static string UserId(this HttpRequest request) =>
        TryGetUserId(request.HttpContext) ?? throw new InvalidOperationException("Route reached without authentication.");
}
