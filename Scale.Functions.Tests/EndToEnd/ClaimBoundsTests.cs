using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Scale.Functions.Tests.Support;

namespace Scale.Functions.Tests.EndToEnd;

/// <summary>
/// Issue 15 item 5: claims are bounded where they enter. A sub the tables cannot hold is a 401 at authentication
/// (not a 500 in a handler), and a long name claim is cut between characters, never inside an emoji.
/// </summary>
[Collection(ScaleAppCollection.Name)]
public sealed class ClaimBoundsTests(ScaleAppFixture fixture)
{
    private readonly ScaleApp _app = fixture.App;

    private string Token(string sub, string? name = null)
    {
        var claims = new Dictionary<string, object> { ["sub"] = sub };
        if (name is not null) claims["name"] = name;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = ScaleApp.Issuer,
            Audience = ScaleApp.Audience,
            Claims = claims,
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(_app.SigningKey)), SecurityAlgorithms.HmacSha256),
        });
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string token, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return _app.Client.SendAsync(request);
    }

    [Theory]
    [InlineData("/api/v1/profile")]
    [InlineData("/api/v1/ingestion/import")]
    public async Task A_sub_longer_than_the_tables_allow_is_401_malformed_token(string path)
    {
        var token = Token(new string('u', 129));
        using var response = path.EndsWith("import", StringComparison.Ordinal)
            ? await SendAsync(HttpMethod.Post, path, token, ScaleApp.Json(new { transactions = Array.Empty<object>() }))
            : await SendAsync(HttpMethod.Get, path, token);
        var problem = await response.AssertProblemAsync(401, "malformed_token");
        Assert.Contains("sub", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("user/other")]   // blob names are "{user_id}/...": a slash would hand files to user "user"
    [InlineData(" padded ")]
    [InlineData("tab\tinside")]
    public async Task A_sub_that_cannot_name_a_user_is_401(string sub)
    {
        using var response = await SendAsync(HttpMethod.Get, "/api/v1/profile", Token(sub));
        await response.AssertProblemAsync(401, "malformed_token");
    }

    [Fact]
    public async Task A_sub_of_exactly_128_characters_is_a_user()
    {
        var sub = new string('u', 120) + Guid.NewGuid().ToString("N")[..8];
        using var response = await SendAsync(HttpMethod.Get, "/api/v1/profile", Token(sub));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_long_name_claim_is_cut_between_characters_and_the_profile_keeps_working()
    {
        var sub = ScaleApp.NewUserId();
        // 99 letters then an emoji (two UTF-16 units): a cut at 100 units would keep half of it.
        var name = new string('a', 99) + "😀" + "tail";
        var token = Token(sub, name);
        for (var call = 0; call < 2; call++)
        {
            using var response = await SendAsync(HttpMethod.Get, "/api/v1/profile", token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(new string('a', 99), body.GetProperty("display_name").GetString());
        }
    }

    [Fact]
    public void A_name_is_never_cut_inside_a_combined_emoji()
    {
        // A family emoji is one text element of 11 UTF-16 units (four people joined by ZWJ): it is kept whole or dropped.
        var family = "👨‍👩‍👧‍👦";
        var principal = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new System.Security.Claims.Claim("name", new string('b', 95) + family)]));
        Assert.Equal(new string('b', 95), Scale.Functions.Pipeline.Auth.ScaleClaims.GetDisplayNameHint(principal));
    }
}
