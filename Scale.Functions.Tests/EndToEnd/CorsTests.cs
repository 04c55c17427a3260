using System.Net;
using Scale.Functions.Tests.Support;

namespace Scale.Functions.Tests.EndToEnd;

[Collection(ScaleAppCollection.Name)]
public class CorsTests(ScaleAppFixture fixture)
{
    private readonly ScaleApp _app = fixture.App;

    [Fact]
    public async Task Preflight_from_an_allowed_origin_is_answered()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/settings");
        request.Headers.Add("Origin", ScaleApp.AllowedOrigin);
        request.Headers.Add("Access-Control-Request-Method", "PUT");
        request.Headers.Add("Access-Control-Request-Headers", "authorization, content-type");

        var response = await _app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(ScaleApp.AllowedOrigin, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("Authorization", response.Headers.GetValues("Access-Control-Allow-Headers").Single());
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task Preflight_from_another_origin_is_refused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/settings");
        request.Headers.Add("Origin", "https://evil.example");
        request.Headers.Add("Access-Control-Request-Method", "PUT");

        var response = await _app.Client.SendAsync(request);

        await response.AssertProblemAsync(403, "forbidden");
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Simple_request_from_an_allowed_origin_exposes_the_request_id()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/health");
        request.Headers.Add("Origin", ScaleApp.AllowedOrigin);

        var response = await _app.Client.SendAsync(request);

        Assert.Equal(ScaleApp.AllowedOrigin, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("X-Request-ID", response.Headers.GetValues("Access-Control-Expose-Headers").Single());
    }

    [Fact]
    public async Task Simple_request_from_another_origin_gets_no_cors_headers()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/health");
        request.Headers.Add("Origin", "https://evil.example");

        var response = await _app.Client.SendAsync(request);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }
}
