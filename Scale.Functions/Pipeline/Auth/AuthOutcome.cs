using System.Security.Claims;

namespace Scale.Functions.Pipeline.Auth;

/// <summary>
/// Result of authenticating one request: a principal, or a failure code (<see cref="AuthFailureCodes"/>) with a
/// short human sentence for the 401 problem detail. Neither ever contains the token.
/// </summary>
public sealed record AuthOutcome(ClaimsPrincipal? Principal, string? FailureCode, string? FailureDetail)
{
    public bool Succeeded => Principal is not null;

    /// <summary>The <c>sub</c> claim when succeeded, else null.</summary>
    public string? UserId => Principal is null ? null : ScaleClaims.GetUserId(Principal);

    /// <summary>True when succeeded and the principal has the admin role (<see cref="ScaleClaims.IsAdmin"/>).</summary>
    public bool IsAdmin => Principal is not null && ScaleClaims.IsAdmin(Principal);

    /// <summary>
    /// The <c>WWW-Authenticate</c> value for the 401 (RFC 6750 §3 syntax; null when succeeded). API.md promises the
    /// reason there too, so <c>error</c> carries our code, including <c>missing_token</c>.
    /// </summary>
    public string? WwwAuthenticate => Succeeded
        ? null
        : $"Bearer realm=\"scale\", error=\"{Quote(FailureCode)}\", error_description=\"{Quote(FailureDetail)}\"";

    public static AuthOutcome Success(ClaimsPrincipal principal) => new(principal, null, null);

    public static AuthOutcome Failure(string code, string detail) => new(null, code, detail);

    // Our codes and details never contain quotes, but a header must not be breakable by a future message.
    private static string Quote(string? value) =>
        (value ?? string.Empty).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}

/// <summary>
/// Why a request got 401; sent in the problem <c>type</c>/<c>detail</c> and in <c>WWW-Authenticate</c>.
/// </summary>
public static class AuthFailureCodes
{
    /// <summary>No Authorization header (or an empty one).</summary>
    public const string MissingToken = "missing_token";

    /// <summary>Not <c>Bearer &lt;JWS&gt;</c>, bad base64url/JSON, too long, no <c>sub</c>, no <c>exp</c>.</summary>
    public const string MalformedToken = "malformed_token";

    /// <summary><c>exp</c> is in the past beyond the clock skew.</summary>
    public const string TokenExpired = "token_expired";

    /// <summary>
    /// <c>nbf</c> is in the future beyond the clock skew. Kept apart from <see cref="TokenExpired"/> because the
    /// fix differs: it points at clock drift between the issuer and us, and a refreshed token will not help.
    /// </summary>
    public const string TokenNotYetValid = "token_not_yet_valid";

    /// <summary>Signature does not verify, or no configured key matches the token's <c>kid</c>.</summary>
    public const string InvalidSignature = "invalid_signature";

    public const string InvalidIssuer = "invalid_issuer";

    public const string InvalidAudience = "invalid_audience";

    /// <summary><c>alg</c> is none, unknown, or not backed by a configured key (e.g. HS256 with only JWKS).</summary>
    public const string UnsupportedAlgorithm = "unsupported_algorithm";
}
