using System.Text;

namespace Scale.Functions.Pipeline.Auth;

/// <summary>
/// Bound from the "Auth" section (<c>Auth__SigningKey</c>, <c>Auth__JwksUrl</c>, <c>Auth__Authority</c>,
/// <c>Auth__Issuer</c>, <c>Auth__Audience</c>, <c>Auth__ClockSkewSeconds</c>). At least one key source is required:
/// a shared HS256 secret (Supabase) and/or asymmetric keys from a JWKS URL or an OpenID authority.
/// </summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>Below this an HS256 secret is brute-forceable offline from any one token (RFC 7518 §3.2).</summary>
    public const int MinimumSigningKeyBytes = 32;

    /// <summary>HS256 shared secret, used as its UTF-8 bytes (as Supabase does).</summary>
    public string? SigningKey { get; set; }

    /// <summary>JWKS endpoint for RS256/RS384/ES256/ES384 tokens.</summary>
    public string? JwksUrl { get; set; }

    /// <summary>OpenID issuer; keys (and, when <see cref="Issuer"/> is unset, the issuer) come from its metadata.</summary>
    public string? Authority { get; set; }

    /// <summary>Required <c>iss</c> when set.</summary>
    public string? Issuer { get; set; }

    /// <summary>Required <c>aud</c> when set.</summary>
    public string? Audience { get; set; }

    public int ClockSkewSeconds { get; set; } = 60;

    internal bool HasSymmetricKey => !string.IsNullOrEmpty(SigningKey);

    internal bool HasAsymmetricKeys => !string.IsNullOrWhiteSpace(JwksUrl) || !string.IsNullOrWhiteSpace(Authority);

    /// <summary>Configuration errors, empty when valid. Checked at host start; messages never include the secret.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!HasSymmetricKey && !HasAsymmetricKeys)
        {
            errors.Add("Auth: set Auth:SigningKey (HS256 secret) and/or Auth:JwksUrl or Auth:Authority (RS256/ES256 keys).");
        }

        if (HasSymmetricKey && Encoding.UTF8.GetByteCount(SigningKey!) < MinimumSigningKeyBytes)
        {
            errors.Add($"Auth:SigningKey must be at least {MinimumSigningKeyBytes} bytes.");
        }

        if (!string.IsNullOrWhiteSpace(JwksUrl) && !string.IsNullOrWhiteSpace(Authority))
        {
            // Two key sources for one token family would make "which keys verified this?" ambiguous.
            errors.Add("Auth: set either Auth:JwksUrl or Auth:Authority, not both.");
        }

        CheckUrl(errors, nameof(JwksUrl), JwksUrl);
        CheckUrl(errors, nameof(Authority), Authority);
        if (ClockSkewSeconds is < 0 or > 600)
        {
            errors.Add($"Auth:ClockSkewSeconds must be between 0 and 600 (was {ClockSkewSeconds}).");
        }

        return errors;
    }

    /// <summary>Keys fetched over plain HTTP could be swapped by anyone on the path; only loopback may use it.</summary>
    internal static bool IsAcceptableKeyUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && string.IsNullOrEmpty(uri.UserInfo)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));

    private static void CheckUrl(List<string> errors, string name, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        if (!IsAcceptableKeyUrl(value))
        {
            errors.Add($"Auth:{name} must be an absolute https URL (http only for localhost/127.0.0.1).");
        }
    }
}
