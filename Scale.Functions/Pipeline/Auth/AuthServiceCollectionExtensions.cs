using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Scale.Functions.Pipeline.Auth;

public static class AuthServiceCollectionExtensions
{
    /// <summary>
    /// Binds the "Auth" section to <see cref="AuthOptions"/>, validates it when the host starts (a bad secret or
    /// key URL stops startup with every problem listed), and registers <see cref="IRequestAuthenticator"/> as the
    /// singleton <see cref="JwtRequestAuthenticator"/> (it owns the JWKS cache, so one per process).
    /// </summary>
    public static IServiceCollection AddScaleAuthentication(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>()
            .BindConfiguration(AuthOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>());
        services.TryAddSingleton<JwtRequestAuthenticator>();
        services.TryAddSingleton<IRequestAuthenticator>(sp => sp.GetRequiredService<JwtRequestAuthenticator>());
        return services;
    }

    private sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
    {
        public ValidateOptionsResult Validate(string? name, AuthOptions options)
        {
            var errors = options.Validate();
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
