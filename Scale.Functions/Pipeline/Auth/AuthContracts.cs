// PLACEHOLDER until branch authz lands (replaced there): HS256-only validation, no failure reasons.
using System.Security.Claims;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Scale.Functions.Pipeline.Auth;

public sealed record AuthOutcome(ClaimsPrincipal? Principal, string? FailureCode, string? FailureDetail)
{
    public bool Succeeded => Principal is not null;
    public string? UserId => Principal?.FindFirst("sub")?.Value;
}

public interface IRequestAuthenticator
{
    Task<AuthOutcome> AuthenticateAsync(string? authorizationHeader, CancellationToken cancellationToken);
}

public sealed class AuthOptions
{
    public string? SigningKey { get; set; }
    public IEnumerable<string> Validate() => [];
}

internal sealed class PlaceholderAuthenticator(IOptions<AuthOptions> options) : IRequestAuthenticator
{
    public async Task<AuthOutcome> AuthenticateAsync(string? authorizationHeader, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(authorizationHeader) || !authorizationHeader.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return new(null, "missing_token", "No bearer token.");
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(authorizationHeader[7..], new TokenValidationParameters
        {
            ValidateIssuer = false, ValidateAudience = false,
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(options.Value.SigningKey ?? "")),
        });
        return result.IsValid ? new(new ClaimsPrincipal(result.ClaimsIdentity), null, null) : new(null, "invalid_signature", "Invalid token.");
    }
}

public static class AuthServiceCollectionExtensions
{
    public static IServiceCollection AddScaleAuthentication(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration("Auth");
        return services.AddSingleton<IRequestAuthenticator, PlaceholderAuthenticator>();
    }
}
