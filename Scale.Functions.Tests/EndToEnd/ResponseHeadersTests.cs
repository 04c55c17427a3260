using System.Net;
using Scale.Functions.Tests.Support;

namespace Scale.Functions.Tests.EndToEnd;

[Collection(ScaleAppCollection.Name)]
public class ResponseHeadersTests(ScaleAppFixture fixture)
{
    private readonly ScaleApp _app = fixture.App;

    public static TheoryData<string, string?> Requests => new()
    {
        { "/api/v1/health", null },                 // success
        { "/api/v1/profile", null },                // 401
        { "/api/v1/does-not-exist", null },         // 404
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Security_headers_are_on_success_and_error_responses(string path, string? _)
    {
        var response = await _app.Client.GetAsync(path);

        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.StartsWith("max-age=", Header(response, "Strict-Transport-Security"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.NotNull(Header(response, "Permissions-Policy"));
        Assert.Equal("default-src 'none'; frame-ancestors 'none'", Header(response, "Content-Security-Policy"));
        Assert.False(response.Headers.Contains("Server"));
        Assert.Matches("^[0-9a-f]{32}$", Header(response, "X-Request-ID"));
    }

    [Fact]
    public async Task A_safe_client_request_id_is_echoed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/health");
        request.Headers.Add("X-Request-ID", "frontend-7f3a.42");
        var response = await _app.Client.SendAsync(request);
        Assert.Equal("frontend-7f3a.42", Header(response, "X-Request-ID"));
    }

    [Fact]
    public async Task An_unsafe_client_request_id_is_replaced()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/health");
        request.Headers.TryAddWithoutValidation("X-Request-ID", "abc def<script>");
        var response = await _app.Client.SendAsync(request);
        Assert.Matches("^[0-9a-f]{32}$", Header(response, "X-Request-ID"));
    }

    [Fact]
    public async Task Unknown_route_is_a_404_problem()
    {
        var response = await _app.Client.GetAsync("/api/v1/nothing/here");
        await response.AssertProblemAsync(404, "not_found");
    }

    [Fact]
    public async Task Wrong_method_is_a_405_problem()
    {
        var response = await _app.Client.DeleteAsync("/api/v1/health");
        await response.AssertProblemAsync(405, "method_not_allowed");
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.First()
        : response.Content.Headers.TryGetValues(name, out var contentValues) ? contentValues.First() : null;
}
