using System.Security.Claims;
using System.Text.Json;

namespace Scale.Functions.Pipeline.Auth;

/// <summary>Reading the claims SCALE relies on: the user id and the admin role.</summary>
public static class ScaleClaims
{
    public const string UserId = "sub";
    public const string Role = "role";
    public const string AdminRole = "admin";

    // Supabase puts custom roles in app_metadata (only the service can write it) or in a `user_role` claim added
    // by a custom access-token hook. Its top-level `role` is the Postgres role ("authenticated"), never "admin".
    private const string SupabaseAppMetadata = "app_metadata";
    private const string SupabaseUserRole = "user_role";

    public static string? GetUserId(ClaimsPrincipal principal) =>
        principal.FindFirst(UserId)?.Value is { Length: > 0 } sub ? sub : null;

    /// <summary>
    /// True when a <c>role</c> or <c>user_role</c> claim, or <c>app_metadata.role</c>, is exactly <c>admin</c>.
    /// user_metadata is deliberately ignored: Supabase users can edit it themselves.
    /// </summary>
    public static bool IsAdmin(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        foreach (var claim in principal.Claims)
        {
            switch (claim.Type)
            {
                case Role or SupabaseUserRole when claim.Value == AdminRole:
                    return true;
                case SupabaseAppMetadata when AppMetadataSaysAdmin(claim.Value):
                    return true;
            }
        }

        return false;
    }

    private static bool AppMetadataSaysAdmin(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty(Role, out var role)
                && role.ValueKind == JsonValueKind.String
                && role.GetString() == AdminRole;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
