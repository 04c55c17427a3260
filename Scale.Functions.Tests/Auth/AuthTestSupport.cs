using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Scale.Functions.Pipeline.Auth;
using Scale.Functions.Tests.Support;

namespace Scale.Functions.Tests.Auth;

internal static class AuthTestSupport
{
    /// <summary>HS256 with issuer and audience checks, as the Supabase deployment is configured.</summary>
    public static AuthOptions SupabaseOptions() => new()
    {
        SigningKey = TestTokens.SigningKey,
        Issuer = TestTokens.Issuer,
        Audience = TestTokens.Audience,
    };

    public static JwtRequestAuthenticator Authenticator(AuthOptions options) =>
        new(Options.Create(options), NullLogger<JwtRequestAuthenticator>.Instance);
}
