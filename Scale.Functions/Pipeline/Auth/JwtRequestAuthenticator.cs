using System.Security.Claims;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Scale.Functions.Pipeline.Auth;

/// <summary>
/// Validates <c>Authorization: Bearer &lt;JWS&gt;</c>: signature, <c>exp</c>/<c>nbf</c> with clock skew, issuer and
/// audience when configured, and a non-empty <c>sub</c>. The token's <c>alg</c> is checked against the configured
/// key sources <em>before</em> validation, and each algorithm family is verified only with its own keys: HS256 only
/// with the shared secret, RS/ES only with JWKS keys. That blocks <c>alg: none</c> and the RS→HS key-confusion
/// attack (an HMAC "signed" with a public key).
/// </summary>
public sealed class JwtRequestAuthenticator : IRequestAuthenticator, IDisposable
{
    /// <summary>Real tokens are ~1 KB; anything near this is hostile and not worth parsing.</summary>
    internal const int MaxTokenLength = 8 * 1024;

    private const string BearerPrefix = "Bearer ";

    private static readonly HashSet<string> SymmetricAlgorithms = new(StringComparer.Ordinal)
    {
        SecurityAlgorithms.HmacSha256,
    };

    private static readonly HashSet<string> AsymmetricAlgorithms = new(StringComparer.Ordinal)
    {
        SecurityAlgorithms.RsaSha256,
        SecurityAlgorithms.RsaSha384,
        SecurityAlgorithms.EcdsaSha256,
        SecurityAlgorithms.EcdsaSha384,
    };

    private readonly AuthOptions _options;
    private readonly SigningKeySource _keys;
    private readonly ILogger<JwtRequestAuthenticator> _logger;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public JwtRequestAuthenticator(IOptions<AuthOptions> options, ILogger<JwtRequestAuthenticator> logger)
        : this(options, logger, TimeProvider.System)
    {
    }

    /// <summary>The time provider drives key-cache ageing only; token lifetimes are checked against the real clock.</summary>
    internal JwtRequestAuthenticator(IOptions<AuthOptions> options, ILogger<JwtRequestAuthenticator> logger, TimeProvider keyCacheClock)
    {
        _options = options.Value;
        _logger = logger;
        _keys = new SigningKeySource(_options, logger, keyCacheClock);
    }

    public async Task<AuthOutcome> AuthenticateAsync(string? authorizationHeader, CancellationToken cancellationToken)
    {
        var outcome = await AuthenticateCoreAsync(authorizationHeader, cancellationToken);
        if (!outcome.Succeeded)
        {
            // Debug: 401s are routine and attacker-driven; the code is enough to diagnose, the token never logged.
            _logger.LogDebug("Bearer authentication failed: {AuthFailureCode}", outcome.FailureCode);
        }

        return outcome;
    }

    private async Task<AuthOutcome> AuthenticateCoreAsync(string? header, CancellationToken cancellationToken)
    {
        header = header?.Trim();

        // Servers trim trailing whitespace, so "Bearer " arrives as "Bearer": both mean no token was sent.
        if (string.IsNullOrEmpty(header) || header.Equals(BearerPrefix.TrimEnd(), StringComparison.OrdinalIgnoreCase))
        {
            return Fail(AuthFailureCodes.MissingToken, "The request has no bearer token.");
        }

        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return Fail(AuthFailureCodes.MalformedToken, "The Authorization header must use the Bearer scheme.");
        }

        var token = header.AsSpan(BearerPrefix.Length).Trim();
        if (token.IsEmpty)
        {
            return Fail(AuthFailureCodes.MissingToken, "The request has no bearer token.");
        }

        if (token.Length > MaxTokenLength)
        {
            return Fail(AuthFailureCodes.MalformedToken, "The bearer token is too long.");
        }

        if (token.Count('.') != 2)
        {
            return Fail(AuthFailureCodes.MalformedToken, "The bearer token is not a signed JWT.");
        }

        var tokenText = token.ToString();
        JsonWebToken jwt;
        try
        {
            jwt = _handler.ReadJsonWebToken(tokenText);
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenException or JsonException or FormatException)
        {
            return Fail(AuthFailureCodes.MalformedToken, "The bearer token could not be decoded.");
        }

        var algorithm = jwt.Alg ?? string.Empty;
        TokenValidationResult result;
        if (SymmetricAlgorithms.Contains(algorithm) && _keys.SymmetricKey is { } secret)
        {
            result = await _handler.ValidateTokenAsync(tokenText, BuildParameters(algorithm, [secret], _options.Issuer));
        }
        else if (AsymmetricAlgorithms.Contains(algorithm) && _keys.HasAsymmetricKeys)
        {
            var snapshot = await _keys.GetAsync(cancellationToken);
            result = await ValidateAsymmetricAsync(tokenText, algorithm, snapshot);
            if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
            {
                // Unknown kid: the issuer may have rotated keys since our last fetch. One refetch, then decide.
                var refreshed = await _keys.RefreshAsync(snapshot, cancellationToken);
                if (!ReferenceEquals(refreshed, snapshot))
                {
                    result = await ValidateAsymmetricAsync(tokenText, algorithm, refreshed);
                }
            }
        }
        else
        {
            // The alg value is attacker-chosen text, so it is not echoed back.
            return Fail(AuthFailureCodes.UnsupportedAlgorithm, "The token's signing algorithm is not accepted.");
        }

        if (!result.IsValid)
        {
            return MapFailure(result.Exception);
        }

        var principal = new ClaimsPrincipal(result.ClaimsIdentity);
        if (ScaleClaims.GetUserId(principal) is not null) return AuthOutcome.Success(principal);
        return string.IsNullOrEmpty(principal.FindFirst(ScaleClaims.UserId)?.Value)
            ? Fail(AuthFailureCodes.MalformedToken, "The token has no subject (sub) claim.")
            : Fail(AuthFailureCodes.MalformedToken,
                $"The token's subject (sub) claim is not a usable user id: 1 to {ScaleClaims.MaxUserIdLength} characters, no control characters, spaces at either end or '/'.");
    }

    private Task<TokenValidationResult> ValidateAsymmetricAsync(string token, string algorithm, SigningKeySource.KeySnapshot keys) =>
        _handler.ValidateTokenAsync(token, BuildParameters(algorithm, keys.Keys, _options.Issuer ?? keys.MetadataIssuer));

    private TokenValidationParameters BuildParameters(string algorithm, IReadOnlyList<SecurityKey> keys, string? issuer) => new()
    {
        IssuerSigningKeys = keys,
        ValidAlgorithms = [algorithm],
        TryAllIssuerSigningKeys = true,
        RequireSignedTokens = true,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        ClockSkew = TimeSpan.FromSeconds(_options.ClockSkewSeconds),
        ValidateIssuer = issuer is not null,
        ValidIssuer = issuer,
        ValidateAudience = _options.Audience is not null,
        ValidAudience = _options.Audience,
        NameClaimType = ScaleClaims.UserId,
        RoleClaimType = ScaleClaims.Role,
        AuthenticationType = "Bearer",
    };

    /// <summary>Most-derived exception types first: expired/not-yet-valid derive from invalid-lifetime, etc.</summary>
    private AuthOutcome MapFailure(Exception? exception)
    {
        switch (exception)
        {
            case SecurityTokenExpiredException:
                return Fail(AuthFailureCodes.TokenExpired, "The token has expired.");
            case SecurityTokenNotYetValidException:
                return Fail(AuthFailureCodes.TokenNotYetValid, "The token is not valid yet (nbf is in the future).");
            case SecurityTokenNoExpirationException:
                return Fail(AuthFailureCodes.MalformedToken, "The token has no expiry (exp) claim.");
            case SecurityTokenInvalidLifetimeException:
                return Fail(AuthFailureCodes.MalformedToken, "The token's validity period is inconsistent.");
            case SecurityTokenInvalidAudienceException:
                return Fail(AuthFailureCodes.InvalidAudience, "The token was issued for a different audience.");
            case SecurityTokenInvalidIssuerException:
                return Fail(AuthFailureCodes.InvalidIssuer, "The token was issued by an untrusted issuer.");
            case SecurityTokenInvalidAlgorithmException:
                return Fail(AuthFailureCodes.UnsupportedAlgorithm, "The token's signing algorithm is not accepted.");
            case SecurityTokenInvalidSignatureException:
                // Includes SignatureKeyNotFound: an unknown key is indistinguishable from a forged signature.
                return Fail(AuthFailureCodes.InvalidSignature, "The token signature is invalid.");
            case SecurityTokenException or ArgumentException or JsonException or FormatException:
                return Fail(AuthFailureCodes.MalformedToken, "The bearer token could not be validated.");
            default:
                _logger.LogWarning(exception, "Unexpected token validation failure {ExceptionType}", exception?.GetType().Name);
                return Fail(AuthFailureCodes.MalformedToken, "The bearer token could not be validated.");
        }
    }

    public void Dispose() => _keys.Dispose();

    private static AuthOutcome Fail(string code, string detail) => AuthOutcome.Failure(code, detail);
}
