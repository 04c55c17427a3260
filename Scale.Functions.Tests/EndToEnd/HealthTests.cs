using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Scale.Functions.Tests.Support;

namespace Scale.Functions.Tests.EndToEnd;

[Collection(ScaleAppCollection.Name)]
public class HealthTests(ScaleAppFixture fixture)
{
    private readonly ScaleApp _app = fixture.App;

    [Fact]
    public async Task Health_answers_without_a_token()
    {
        var response = await _app.Client.GetAsync("/api/v1/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("ok", body.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("version").GetString()));
    }

    [Fact]
    public async Task Ready_reports_every_dependency_ok_when_the_stack_is_up()
    {
        var response = await _app.Client.GetAsync("/api/v1/health/ready");

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ready", body.GetProperty("status").GetString());
        var checks = body.GetProperty("checks");
        foreach (var name in new[] { "database", "redis", "storage" })
            Assert.Equal("ok", checks.GetProperty(name).GetString());
    }

    [Fact]
    public async Task Health_is_not_throttled()
    {
        var response = await _app.Client.GetAsync("/api/v1/health");
        Assert.False(response.Headers.Contains("X-RateLimit-Limit"));
    }
}
