using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Scale.Functions.Api;
using Scale.Functions.Pipeline;
using Scale.Functions.Tests.Support;

namespace Scale.Functions.Tests.Pipeline;

/// <summary>The pipeline driven directly with an HttpContext, as both host adapters drive it.</summary>
[Collection(ScaleAppCollection.Name)]
public class ErrorBoundaryTests(ScaleAppFixture fixture)
{
    private readonly RequestPipeline _pipeline = fixture.App.Services.GetRequiredService<RequestPipeline>();

    [Fact]
    public async Task Unhandled_exception_becomes_a_500_problem_without_internals()
    {
        var context = NewContext();

        var result = await _pipeline.RunAsync(context, ApiRoutes.HealthLive,
            () => throw new InvalidOperationException("secret connection string Password=hunter2 at Foo.Bar()"));

        Assert.NotNull(result);
        await result.ExecuteAsync(context);
        Assert.Equal(500, context.Response.StatusCode);
        var body = ReadBody(context);
        Assert.Equal("https://scale.app/problems/internal_error", body.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("request_id").GetString()));
        var text = body.GetRawText();
        Assert.DoesNotContain("hunter2", text);
        Assert.DoesNotContain("Foo.Bar", text);
    }

    [Fact]
    public async Task A_transient_dependency_failure_becomes_a_503_problem_with_retry_after()
    {
        var context = NewContext();

        var result = await _pipeline.RunAsync(context, ApiRoutes.HealthLive, () => throw new Npgsql.NpgsqlException(
            "The connection pool has been exhausted, either raise 'Max Pool Size' (currently 100) or 'Timeout' (currently 15 seconds)", new TimeoutException()));

        Assert.NotNull(result);
        await result.ExecuteAsync(context);
        Assert.Equal(503, context.Response.StatusCode);
        Assert.Equal(RequestPipeline.TransientRetryAfterSeconds.ToString(), context.Response.Headers.RetryAfter.ToString());
        var body = ReadBody(context);
        Assert.Equal("https://scale.app/problems/service_unavailable", body.GetProperty("type").GetString());
        Assert.Contains("database", body.GetProperty("detail").GetString());
        Assert.DoesNotContain("Max Pool Size", body.GetRawText());
    }

    [Fact]
    public async Task Client_disconnect_produces_no_response()
    {
        var context = NewContext();
        using var aborted = new CancellationTokenSource();
        context.RequestAborted = aborted.Token;
        await aborted.CancelAsync();

        var result = await _pipeline.RunAsync(context, ApiRoutes.HealthLive, () => throw new OperationCanceledException(aborted.Token));

        Assert.Null(result);
    }

    [Fact]
    public async Task A_bare_error_status_from_the_framework_gets_a_problem_body()
    {
        var context = NewContext();

        var result = await _pipeline.RunAsync(context, null, () => { context.Response.StatusCode = 405; return Task.CompletedTask; });

        Assert.IsType<Scale.Functions.Api.Http.ProblemResult>(result);
        Assert.Equal(405, ((IStatusCodeHttpResult)result).StatusCode);
    }

    private DefaultHttpContext NewContext()
    {
        var context = new DefaultHttpContext { RequestServices = fixture.App.Services };
        context.Request.Method = "GET";
        context.Request.Path = "/api/v1/health";
        context.Connection.RemoteIpAddress = System.Net.IPAddress.Loopback;
        context.Response.Body = new MemoryStream();
        return context;
    }

    private static JsonElement ReadBody(HttpContext context)
    {
        context.Response.Body.Position = 0;
        return JsonDocument.Parse(context.Response.Body).RootElement.Clone();
    }
}
