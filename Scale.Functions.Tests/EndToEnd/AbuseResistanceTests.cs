using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using Scale.Functions.Api;
using Scale.Functions.Infrastructure;
using Scale.Functions.Tests.Auth;
using Scale.Functions.Tests.Support;

namespace Scale.Functions.Tests.EndToEnd;

/// <summary>Issue 11 item 5: failed authentication throttled per IP, readiness cached, CORS as browsers speak it.</summary>
public class AbuseResistanceTests
{
    [Fact]
    public async Task Failed_authentication_is_throttled_per_client_ip_in_its_own_tier()
    {
        await using var app = await ScaleApp.StartAsync(new Dictionary<string, string?>
        {
            ["RateLimiting:FailedAuthentication:Limit"] = "3",
            ["RateLimiting:FailedAuthentication:WindowSeconds"] = "60",
        });
        var statuses = new List<int>();
        for (var i = 0; i < 6; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/profile");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.wrong-signature");
            using var response = await app.Client.SendAsync(request);
            statuses.Add((int)response.StatusCode);
            if (i == 5)
            {
                await response.AssertProblemAsync(429, "rate_limited");
                Assert.True(int.Parse(response.Headers.GetValues("Retry-After").Single()) > 0);
            }
        }
        Assert.Equal([401, 401, 401, 429, 429, 429], statuses);

        // Someone else's bad tokens do not lock out a valid caller behind the same address.
        using var valid = await app.Client.SendAsync(app.Request(HttpMethod.Get, "/api/v1/profile", ScaleApp.NewUserId()));
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
    }

    [Fact]
    public async Task Readiness_runs_its_checks_once_per_cache_window_however_many_callers()
    {
        var check = new CountingCheck();
        var clock = new ManualClock();
        var health = new HealthApi([check], clock);
        var request = new DefaultHttpContext().Request;

        await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => health.HealthReady(request, CancellationToken.None)));
        Assert.Equal(1, check.Calls);

        clock.Advance(HealthApi.ReadyCacheDuration);
        await health.HealthReady(request, CancellationToken.None);
        Assert.Equal(2, check.Calls);
    }

    [Fact]
    public async Task Cors_matches_origins_as_browsers_serialize_them_and_never_echoes_another_spelling()
    {
        await using var app = await ScaleApp.StartAsync(new Dictionary<string, string?> { ["Cors:AllowedOrigins"] = "HTTPS://App.Scale.Test:443/" });

        Assert.Equal("https://app.scale.test", await AllowedOriginFor(app, "https://app.scale.test"));
        Assert.Null(await AllowedOriginFor(app, "https://APP.scale.test")); // no browser sends this
        Assert.Null(await AllowedOriginFor(app, "http://app.scale.test"));
    }

    [Theory]
    [InlineData("/api/v1/settings", "PUT", "PUT, OPTIONS")]
    [InlineData("/api/v1/ingestion/uploads", "POST", "POST, GET, OPTIONS")]
    [InlineData("/api/v1/ingestion/uploads/0190a6f0-0000-7000-8000-000000000001", "GET", "GET, OPTIONS")]
    [InlineData("/api/v1/no/such/route", "GET", "OPTIONS")]
    public async Task A_preflight_lists_only_the_methods_the_path_has(string path, string method, string expected)
    {
        await using var app = await ScaleApp.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", ScaleApp.AllowedOrigin);
        request.Headers.Add("Access-Control-Request-Method", method);

        using var response = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(expected, response.Headers.GetValues("Access-Control-Allow-Methods").Single());
    }

    private static async Task<string?> AllowedOriginFor(ScaleApp app, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/health");
        request.Headers.Add("Origin", origin);
        using var response = await app.Client.SendAsync(request);
        return response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) ? values.Single() : null;
    }

    private sealed class CountingCheck : IReadinessCheck
    {
        private int _calls;
        public int Calls => _calls;
        public string Name => "database";

        public async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            await Task.Delay(50, cancellationToken);
            return true;
        }
    }
}
