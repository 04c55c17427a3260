using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Scale.Functions.Api;
using Scale.Functions.Tests.Support;

namespace Scale.Functions.Tests.Contract;

/// <summary>GET /api/v1/openapi.json on the running local host: anonymous, cacheable, revalidated by ETag.</summary>
[Collection(ScaleAppCollection.Name)]
public class OpenApiEndpointTests(ScaleAppFixture fixture)
{
    private const string Path = "/api/v1/openapi.json";
    private HttpClient Client => fixture.App.Client;

    [Fact]
    public async Task The_document_is_served_without_a_token_as_cacheable_json()
    {
        using var response = await Client.GetAsync(Path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(OpenApiApi.Document.ToArray(), await response.Content.ReadAsByteArrayAsync());
        Assert.True(response.Headers.CacheControl is { Public: true, NoStore: false }, response.Headers.CacheControl?.ToString());
        Assert.Equal(TimeSpan.FromHours(1), response.Headers.CacheControl!.MaxAge);
        Assert.False(response.Headers.ETag!.IsWeak);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("3.1.", document.RootElement.GetProperty("openapi").GetString());
    }

    [Fact]
    public async Task A_matching_if_none_match_is_answered_304_without_a_body()
    {
        using var first = await Client.GetAsync(Path);
        var etag = first.Headers.ETag!;

        foreach (var sent in new[] { etag, new EntityTagHeaderValue(etag.Tag, isWeak: true), EntityTagHeaderValue.Any })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Path);
            request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"older\""));
            request.Headers.IfNoneMatch.Add(sent);
            using var response = await Client.SendAsync(request);

            Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
            Assert.Empty(await response.Content.ReadAsByteArrayAsync());
            Assert.Equal(etag, response.Headers.ETag);
            Assert.Equal(OpenApiApi.CacheControl, response.Headers.CacheControl!.ToString());
        }
    }

    [Fact]
    public async Task Another_etag_gets_the_document()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Path);
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"0123456789abcdef\""));

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(OpenApiApi.Document.Length, (await response.Content.ReadAsByteArrayAsync()).Length);
    }

    [Fact]
    public async Task Anonymous_callers_are_throttled_per_address()
    {
        await using var app = await ScaleApp.StartAsync(new Dictionary<string, string?> { ["RateLimiting:Default:Limit"] = "2" });

        for (var i = 0; i < 2; i++)
        {
            using var allowed = await app.Client.GetAsync(Path);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
            Assert.Equal("2", allowed.Headers.GetValues("X-RateLimit-Limit").Single());
        }
        using var refused = await app.Client.GetAsync(Path);

        await refused.AssertProblemAsync(429, "rate_limited");
        Assert.NotNull(refused.Headers.RetryAfter);
    }
}
