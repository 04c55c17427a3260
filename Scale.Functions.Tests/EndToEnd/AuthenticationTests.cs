using System.Net.Http.Headers;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Scale.Functions.Tests.Support;

namespace Scale.Functions.Tests.EndToEnd;

/// <summary>Every 401 reason of API.md, through the running host: problem type, detail and WWW-Authenticate.</summary>
[Collection(ScaleAppCollection.Name)]
public class AuthenticationTests(ScaleAppFixture fixture)
{
    private readonly ScaleApp _app = fixture.App;

    private string Token(Action<SecurityTokenDescriptor>? change = null, string? key = null)
    {
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = ScaleApp.Issuer,
            Audience = ScaleApp.Audience,
            Claims = new Dictionary<string, object> { ["sub"] = ScaleApp.NewUserId() },
            NotBefore = DateTime.UtcNow.AddMinutes(-1),
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key ?? _app.SigningKey)), SecurityAlgorithms.HmacSha256),
        };
        change?.Invoke(descriptor);
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    private async Task AssertRejected(string? authorization, string reason)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/profile");
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);

        var response = await _app.Client.SendAsync(request);

        var problem = await response.AssertProblemAsync(401, reason);
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
        var challenge = response.Headers.WwwAuthenticate.ToString();
        Assert.StartsWith("Bearer", challenge);
        if (reason != "missing_token") Assert.Contains(reason, challenge);
    }

    [Fact]
    public Task Missing_token_is_401_missing_token() => AssertRejected(null, "missing_token");

    [Fact]
    public Task Non_bearer_scheme_is_401_malformed_token() => AssertRejected("Basic dXNlcjpwYXNz", "malformed_token");

    [Fact]
    public Task Garbage_token_is_401_malformed_token() => AssertRejected("Bearer not.a-jwt", "malformed_token");

    [Fact]
    public Task Huge_token_is_401_malformed_token() => AssertRejected("Bearer " + new string('a', 20_000), "malformed_token");

    [Fact]
    public Task Expired_token_is_401_token_expired() => AssertRejected("Bearer " + Token(d =>
    {
        d.NotBefore = DateTime.UtcNow.AddHours(-3);
        d.Expires = DateTime.UtcNow.AddHours(-2);
        d.IssuedAt = DateTime.UtcNow.AddHours(-3);
    }), "token_expired");

    [Fact]
    public Task Alg_none_is_401_unsupported_algorithm()
    {
        static string B64(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));
        var unsigned = B64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." +
                       B64($"{{\"sub\":\"mallory\",\"iss\":\"{ScaleApp.Issuer}\",\"aud\":\"{ScaleApp.Audience}\",\"exp\":{DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds()}}}") + ".";
        return AssertRejected("Bearer " + unsigned, "unsupported_algorithm");
    }

    [Fact]
    public Task Wrong_signature_is_401_invalid_signature() =>
        AssertRejected("Bearer " + Token(key: new string('x', 64)), "invalid_signature");

    [Fact]
    public Task Wrong_issuer_is_401_invalid_issuer() =>
        AssertRejected("Bearer " + Token(d => d.Issuer = "https://evil.example"), "invalid_issuer");

    [Fact]
    public Task Wrong_audience_is_401_invalid_audience() =>
        AssertRejected("Bearer " + Token(d => d.Audience = "someone-else"), "invalid_audience");

    [Fact]
    public async Task Valid_token_reaches_the_handler_as_its_subject()
    {
        var user = ScaleApp.NewUserId();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/profile");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _app.TokenFor(user));

        var response = await _app.Client.SendAsync(request);

        response.EnsureSuccessStatusCode();
        Assert.Contains(user, await response.Content.ReadAsStringAsync());
    }
}
