using Scale.Functions.Pipeline;
using Scale.Functions.Tests.Support;

namespace Scale.Functions.Tests.EndToEnd;

/// <summary>
/// Issue 11 item 5: a request line or header block over the limits gets the API's problem+json with the usual
/// headers (request id, security headers), not Kestrel's bare 414/431.
/// </summary>
[Collection(ScaleAppCollection.Name)]
public class OversizedRequestHeadTests(ScaleAppFixture fixture)
{
    private readonly ScaleApp _app = fixture.App;

    [Fact]
    public async Task Headers_over_32_KB_are_a_431_problem_with_the_usual_headers()
    {
        using var request = _app.Request(HttpMethod.Get, "/api/v1/profile", ScaleApp.NewUserId());
        request.Headers.Add("X-Padding", new string('a', RequestHeadLimits.MaxHeaderBytes + 100));

        using var response = await _app.Client.SendAsync(request);

        await response.AssertProblemAsync(431, "request_headers_too_large");
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task A_url_over_8_KB_is_a_414_problem_with_the_usual_headers()
    {
        using var response = await _app.Client.SendAsync(_app.Request(HttpMethod.Get,
            "/api/v1/transactions?q=" + new string('a', RequestHeadLimits.MaxTargetLength + 100), ScaleApp.NewUserId()));

        await response.AssertProblemAsync(414, "uri_too_long");
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Requests_just_under_the_limits_are_served()
    {
        using var request = _app.Request(HttpMethod.Get, "/api/v1/profile", ScaleApp.NewUserId());
        request.Headers.Add("X-Padding", new string('a', RequestHeadLimits.MaxHeaderBytes - 2048));

        using var response = await _app.Client.SendAsync(request);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }
}
