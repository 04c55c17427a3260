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
    public async Task Wrong_method_is_a_405_problem_naming_the_allowed_methods()
    {
        var response = await _app.Client.DeleteAsync("/api/v1/health");
        await response.AssertProblemAsync(405, "method_not_allowed");
        Assert.Equal("GET", string.Join(",", response.Content.Headers.Allow));
    }

    [Fact]
    public async Task A_path_with_two_methods_lists_both_in_Allow()
    {
        var response = await _app.Client.DeleteAsync("/api/v1/ingestion/uploads");
        await response.AssertProblemAsync(405, "method_not_allowed");
        Assert.Equal(["GET", "POST"], response.Content.Headers.Allow.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("PATCH", "/api/v1/ingestion/uploads/6f1c0b3e-7a52-4a59-9c38-2d1f0e4b8a11")] // parameter template
    [InlineData("POST", "/api/v1/transactions")]
    public async Task Any_method_a_route_does_not_take_is_a_405(string method, string path)
    {
        var response = await _app.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        await response.AssertProblemAsync(405, "method_not_allowed");
    }

    [Theory]
    [InlineData("/api/v1/file.txt")]          // looks like a file: still ours, still a problem
    [InlineData("/api/v2/transactions")]      // another version
    [InlineData("/elsewhere")]
    public async Task Paths_outside_the_api_are_404_problems(string path)
    {
        var response = await _app.Client.PostAsync(path, null);
        await response.AssertProblemAsync(404, "not_found");
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.First()
        : response.Content.Headers.TryGetValues(name, out var contentValues) ? contentValues.First() : null;
}
