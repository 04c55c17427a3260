// PLACEHOLDER until branch authz lands (replaced there).
using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;

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

public static class AuthServiceCollectionExtensions
{
    public static IServiceCollection AddScaleAuthentication(this IServiceCollection services) => services;
}

public sealed class AuthOptions
{
    public string? SigningKey { get; set; }
    public IEnumerable<string> Validate() => [];
}
