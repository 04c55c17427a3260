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

    /// <summary>What the tables hold (profiles.user_id and every user_id column: 1 to 128 characters).</summary>
    public const int MaxUserIdLength = 128;
    public const string DisplayName = "name";
    /// <summary>profiles.display_name and PUT /settings: at most 100 characters.</summary>
    public const int MaxDisplayNameLength = 100;

    /// <summary>The <c>sub</c> claim when it is a usable user id (<see cref="IsUsableUserId"/>), else null.</summary>
    public static string? GetUserId(ClaimsPrincipal principal) =>
        principal.FindFirst(UserId)?.Value is { } sub && IsUsableUserId(sub) ? sub : null;

    /// <summary>
    /// A user id every store can key on: 1 to 128 characters, storable text, no control characters, no
    /// surrounding spaces, and no '/' (statement blobs are named "{user_id}/...": a slash would hand the file to
    /// the user named by its first segment).
    /// </summary>
    public static bool IsUsableUserId(string sub) =>
        sub.Length is >= 1 and <= MaxUserIdLength
        && Scale.Domain.Ingestion.DraftRules.IsStorableText(sub)
        && !sub.Any(char.IsControl)
        && sub.Trim().Length == sub.Length
        && !sub.Contains('/', StringComparison.Ordinal);

    /// <summary>
    /// The <c>name</c> claim as a display-name hint that can always be stored and served: trimmed, null when it
    /// is not valid text (a lone surrogate cannot be encoded), and cut to whole text elements (never inside an
    /// emoji or a combining sequence) of at most <see cref="MaxDisplayNameLength"/> UTF-16 units.
    /// </summary>
    public static string? GetDisplayNameHint(ClaimsPrincipal principal)
    {
        var name = principal.FindFirst(DisplayName)?.Value?.Trim();
        if (string.IsNullOrEmpty(name) || !Scale.Domain.Ingestion.DraftRules.IsStorableText(name) || name.Any(char.IsControl)) return null;
        if (name.Length <= MaxDisplayNameLength) return name;
        var length = 0;
        var elements = System.Globalization.StringInfo.GetTextElementEnumerator(name);
        while (elements.MoveNext())
        {
            var next = elements.ElementIndex + ((string)elements.Current).Length;
            if (next > MaxDisplayNameLength) break;
            length = next;
        }
        return length == 0 ? null : name[..length].TrimEnd();
    }

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
