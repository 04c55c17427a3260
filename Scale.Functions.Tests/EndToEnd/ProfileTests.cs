using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Scale.Functions.Tests.Support;

namespace Scale.Functions.Tests.EndToEnd;

[Collection(ScaleAppCollection.Name)]
public class ProfileTests(ScaleAppFixture fixture)
{
    private readonly ScaleApp _app = fixture.App;

    [Fact]
    public async Task Profile_is_created_on_first_use_with_indian_defaults()
    {
        var user = ScaleApp.NewUserId();
        var response = await _app.Client.SendAsync(_app.Request(HttpMethod.Get, "/api/v1/profile", user));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(user, body.GetProperty("user_id").GetString());
        Assert.Equal("INR", body.GetProperty("currency").GetString());
        Assert.Equal("Asia/Kolkata", body.GetProperty("timezone").GetString());
        Assert.True(body.GetProperty("created_at").GetDateTime() > DateTime.UtcNow.AddMinutes(-5));
    }

    [Fact]
    public async Task Settings_update_only_the_fields_sent()
    {
        var user = ScaleApp.NewUserId();
        await Put(user, new { display_name = "Asha", timezone = "Europe/London" });
        var response = await Put(user, new { currency = "usd" });

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Asha", body.GetProperty("display_name").GetString());
        Assert.Equal("Europe/London", body.GetProperty("timezone").GetString());
        Assert.Equal("USD", body.GetProperty("currency").GetString());
    }

    [Fact]
    public async Task Display_name_null_clears_it()
    {
        var user = ScaleApp.NewUserId();
        await Put(user, new { display_name = "Asha" });
        var response = await Put(user, new { display_name = (string?)null });

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Null, body.GetProperty("display_name").ValueKind);
    }

    [Fact]
    public async Task Invalid_settings_are_a_400_naming_each_field_and_change_nothing()
    {
        var user = ScaleApp.NewUserId();
        var response = await Put(user, new { currency = "RUPEES", timezone = "Mars/Olympus", display_name = new string('x', 101) });

        var problem = await response.AssertProblemAsync(400, "validation_failed");
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("currency", out _));
        Assert.True(errors.TryGetProperty("timezone", out _));
        Assert.True(errors.TryGetProperty("display_name", out _));

        var profile = await (await _app.Client.SendAsync(_app.Request(HttpMethod.Get, "/api/v1/profile", user))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("INR", profile.GetProperty("currency").GetString());
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem()
    {
        var response = await _app.Client.SendAsync(_app.Request(HttpMethod.Put, "/api/v1/settings", ScaleApp.NewUserId(),
            new StringContent("{\"currency\": ", Encoding.UTF8, "application/json")));
        await response.AssertProblemAsync(400, "malformed_json");
    }

    [Fact]
    public async Task Wrong_json_type_is_a_400_problem_naming_the_field()
    {
        var response = await _app.Client.SendAsync(_app.Request(HttpMethod.Put, "/api/v1/settings", ScaleApp.NewUserId(),
            new StringContent("{\"currency\": 42}", Encoding.UTF8, "application/json")));
        var problem = await response.AssertProblemAsync(400, "malformed_json");
        Assert.Contains("currency", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Non_json_content_type_is_a_415_problem()
    {
        var response = await _app.Client.SendAsync(_app.Request(HttpMethod.Put, "/api/v1/settings", ScaleApp.NewUserId(),
            new StringContent("currency=INR", Encoding.UTF8, "application/x-www-form-urlencoded")));
        await response.AssertProblemAsync(415, "unsupported_media_type");
    }

    [Fact]
    public async Task Body_over_the_route_limit_is_a_413_problem()
    {
        var big = "{\"display_name\":\"" + new string('a', 70 * 1024) + "\"}";
        var response = await _app.Client.SendAsync(_app.Request(HttpMethod.Put, "/api/v1/settings", ScaleApp.NewUserId(),
            new StringContent(big, Encoding.UTF8, "application/json")));
        await response.AssertProblemAsync(413, "payload_too_large");
    }

    [Fact]
    public async Task Chunked_body_over_the_route_limit_is_a_413_problem()
    {
        var big = Encoding.UTF8.GetBytes("{\"display_name\":\"" + new string('a', 70 * 1024) + "\"}");
        var content = new StreamContent(new MemoryStream(big));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        var request = _app.Request(HttpMethod.Put, "/api/v1/settings", ScaleApp.NewUserId(), content);
        request.Headers.TransferEncodingChunked = true;

        var response = await _app.Client.SendAsync(request);

        await response.AssertProblemAsync(413, "payload_too_large");
    }

    private Task<HttpResponseMessage> Put(string user, object body) =>
        _app.Client.SendAsync(_app.Request(HttpMethod.Put, "/api/v1/settings", user, ScaleApp.Json(body)));
}
