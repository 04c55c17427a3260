using System.Net;
using Scale.Functions.Tests.Support;

namespace Scale.Functions.Tests.EndToEnd;

[Collection(ScaleAppCollection.Name)]
public class ThrottlingTests(ScaleAppFixture fixture)
{
    private readonly ScaleApp _app = fixture.App;

    [Fact]
    public async Task The_101st_default_tier_request_in_a_minute_is_429_with_retry_after()
    {
        var user = ScaleApp.NewUserId();
        for (var i = 1; i <= 100; i++)
        {
            var ok = await _app.Client.SendAsync(_app.Request(HttpMethod.Get, "/api/v1/profile", user));
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal("100", ok.Headers.GetValues("X-RateLimit-Limit").Single());
            Assert.Equal((100 - i).ToString(System.Globalization.CultureInfo.InvariantCulture), ok.Headers.GetValues("X-RateLimit-Remaining").Single());
        }

        var limited = await _app.Client.SendAsync(_app.Request(HttpMethod.Get, "/api/v1/profile", user));

        await limited.AssertProblemAsync(429, "rate_limited");
        var retryAfter = limited.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 60);
        Assert.Equal("0", limited.Headers.GetValues("X-RateLimit-Remaining").Single());
        Assert.True(long.Parse(limited.Headers.GetValues("X-RateLimit-Reset").Single(), System.Globalization.CultureInfo.InvariantCulture)
                    > DateTimeOffset.UtcNow.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task Users_are_throttled_independently()
    {
        var noisy = ScaleApp.NewUserId();
        for (var i = 0; i < 101; i++) await _app.Client.SendAsync(_app.Request(HttpMethod.Get, "/api/v1/profile", noisy));

        var quiet = await _app.Client.SendAsync(_app.Request(HttpMethod.Get, "/api/v1/profile", ScaleApp.NewUserId()));

        Assert.Equal(HttpStatusCode.OK, quiet.StatusCode);
    }
}
