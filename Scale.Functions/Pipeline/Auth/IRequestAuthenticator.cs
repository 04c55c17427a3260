namespace Scale.Functions.Pipeline.Auth;

public interface IRequestAuthenticator
{
    /// <summary>
    /// Validates the raw <c>Authorization</c> header value. Never throws for a bad token (that is a failed
    /// <see cref="AuthOutcome"/>); throws <see cref="SigningKeysUnavailableException"/> when the key endpoint cannot
    /// be reached and no keys are cached — a server-side fault (503), not the caller's.
    /// </summary>
    Task<AuthOutcome> AuthenticateAsync(string? authorizationHeader, CancellationToken cancellationToken);
}

/// <summary>The JWKS/OpenID metadata could not be fetched and nothing is cached; answer 503, not 401.</summary>
public sealed class SigningKeysUnavailableException : Exception
{
    public SigningKeysUnavailableException()
        : base("Token signing keys are unavailable.")
    {
    }

    public SigningKeysUnavailableException(string message)
        : base(message)
    {
    }

    public SigningKeysUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
