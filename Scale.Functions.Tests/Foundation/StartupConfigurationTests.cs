using Microsoft.Extensions.Configuration;
using Scale.Functions.Hosting;

namespace Scale.Functions.Tests.Foundation;

public class StartupConfigurationTests
{
    private static Dictionary<string, string?> Valid() => new()
    {
        ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Port=5432;Database=scale;Username=scale",
        ["ConnectionStrings:Redis"] = "127.0.0.1:6379",
        ["ConnectionStrings:StatementStorage"] = "UseDevelopmentStorage=true",
        ["Auth:SigningKey"] = new string('k', 40),
    };

    private static InvalidConfigurationException? Validate(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        try { StartupConfiguration.Validate(configuration); return null; }
        catch (InvalidConfigurationException ex) { return ex; }
    }

    [Fact]
    public void Valid_configuration_passes() => Assert.Null(Validate(Valid()));

    [Fact]
    public void Missing_signing_key_and_jwks_stops_startup_with_one_message()
    {
        var values = Valid();
        values.Remove("Auth:SigningKey");
        var error = Validate(values);
        Assert.NotNull(error);
        Assert.Contains(error.Problems, p => p.Contains("SigningKey", StringComparison.Ordinal));
    }

    /// <summary>Issue 15 item 13: JWKS-only deployments have no secret to sign list cursors with unless one is set.</summary>
    [Fact]
    public void Jwks_only_without_a_cursor_key_stops_startup()
    {
        var values = Valid();
        values.Remove("Auth:SigningKey");
        values["Auth:JwksUrl"] = "https://auth.scale.test/.well-known/jwks.json";
        var error = Validate(values);
        Assert.NotNull(error);
        Assert.Contains(error.Problems, p => p.Contains("Pagination__CursorKey", StringComparison.Ordinal));

        values["Pagination:CursorKey"] = "a-secret-cursor-key";
        Assert.Null(Validate(values));
    }

    [Fact]
    public void Malformed_postgres_connection_string_is_named()
    {
        var values = Valid();
        values["ConnectionStrings:Postgres"] = "this is = not; a=valid;;; connection string=";
        var error = Validate(values);
        Assert.NotNull(error);
        Assert.Contains(error.Problems, p => p.Contains("ConnectionStrings__Postgres", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var error = Validate(new Dictionary<string, string?>());
        Assert.NotNull(error);
        Assert.True(error.Problems.Count >= 4, string.Join(" | ", error.Problems));
        Assert.StartsWith("SCALE cannot start:", error.Message);
    }

    [Fact]
    public void Wildcard_cors_origin_is_refused()
    {
        var values = Valid();
        values["Cors:AllowedOrigins"] = "https://app.scale.in, *";
        var error = Validate(values);
        Assert.NotNull(error);
        Assert.Contains(error.Problems, p => p.Contains("Cors", StringComparison.Ordinal));
    }
}
