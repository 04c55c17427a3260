using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Scale.Functions.Pipeline.Auth;
using Scale.Functions.Tests.Support;

namespace Scale.Functions.Tests.Auth;

public sealed class AuthOptionsTests
{
    [Fact]
    public void Shared_secret_alone_is_valid() =>
        Assert.Empty(new AuthOptions { SigningKey = TestTokens.SigningKey }.Validate());

    [Theory]
    [InlineData("https://project.supabase.co/auth/v1/.well-known/jwks.json")]
    [InlineData("http://127.0.0.1:8080/jwks.json")]
    [InlineData("http://localhost:8080/jwks.json")]
    [InlineData("http://[::1]:8080/jwks.json")]
    public void Https_or_loopback_http_jwks_url_is_valid(string url) =>
        Assert.Empty(new AuthOptions { JwksUrl = url }.Validate());

    [Fact]
    public void No_key_source_is_an_error() =>
        Assert.Single(new AuthOptions { Issuer = "x" }.Validate());

    [Fact]
    public void Short_secret_is_an_error_that_does_not_echo_the_secret()
    {
        var errors = new AuthOptions { SigningKey = "too-short-secret" }.Validate();

        Assert.Single(errors);
        Assert.DoesNotContain("too-short-secret", errors[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://keys.example.com/jwks.json")]
    [InlineData("/relative/jwks.json")]
    [InlineData("ftp://127.0.0.1/jwks.json")]
    [InlineData("not a url")]
    public void Non_https_remote_or_relative_key_url_is_an_error(string url)
    {
        Assert.Single(new AuthOptions { JwksUrl = url }.Validate());
        Assert.Single(new AuthOptions { Authority = url }.Validate());
    }

    [Fact]
    public void Jwks_url_and_authority_together_are_an_error() =>
        Assert.Single(new AuthOptions { JwksUrl = "https://a.example/jwks", Authority = "https://a.example" }.Validate());

    [Fact]
    public async Task Host_start_fails_with_invalid_auth_configuration()
    {
        using var host = BuildHost(new Dictionary<string, string?> { ["Auth:SigningKey"] = "short" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("SigningKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registration_binds_the_auth_section_and_resolves_the_authenticator()
    {
        using var host = BuildHost(new Dictionary<string, string?>
        {
            ["Auth:SigningKey"] = TestTokens.SigningKey,
            ["Auth:Audience"] = TestTokens.Audience,
            ["Auth:ClockSkewSeconds"] = "5",
        });
        await host.StartAsync();

        var options = host.Services.GetRequiredService<IOptions<AuthOptions>>().Value;
        var authenticator = host.Services.GetRequiredService<IRequestAuthenticator>();
        var outcome = await authenticator.AuthenticateAsync(TestTokens.Bearer(TestTokens.Hs256(TestTokens.Claims("bound"))), CancellationToken.None);

        Assert.Equal(5, options.ClockSkewSeconds);
        Assert.Equal("bound", outcome.UserId);
        Assert.Same(authenticator, host.Services.GetRequiredService<IRequestAuthenticator>());
        await host.StopAsync();
    }

    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddScaleAuthentication();
        return builder.Build();
    }
}
