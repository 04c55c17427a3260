using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using Scale.Functions.Api;
using Scale.Functions.Azure;

namespace Scale.Functions.Tests.FunctionsFlavor;

/// <summary>
/// <see cref="PipelineMiddleware"/> as the worker runs it: a FunctionContext carrying a real HttpContext, the
/// pipeline resolved from the invocation's services, results handed back as the invocation result.
/// </summary>
public sealed class PipelineMiddlewareTests : IAsyncLifetime
{
    private readonly ServiceProvider _services = FunctionInvocations.AppServices();
    private readonly PipelineMiddleware _middleware = new();

    [Fact]
    public async Task A_bad_token_short_circuits_with_the_401_problem_as_the_invocation_result()
    {
        var http = NewHttpContext("GET", "/api/v1/profile");
        http.Request.Headers.Authorization = "Bearer not.a.jwt";
        var context = FunctionInvocations.Create(ApiRoutes.Names.GetProfile, _services, http);
        var functionRan = false;

        await _middleware.Invoke(context, _ => { functionRan = true; return Task.CompletedTask; });

        Assert.False(functionRan);
        await ExecuteInvocationResultAsync(context, http);
        Assert.Equal(401, http.Response.StatusCode);
        Assert.Equal("application/problem+json", http.Response.ContentType);
        Assert.StartsWith("Bearer", http.Response.Headers.WWWAuthenticate.ToString());
        var body = ReadBody(http);
        Assert.Equal("https://scale.app/problems/malformed_token", body.GetProperty("type").GetString());
        Assert.Equal(http.Response.Headers["X-Request-ID"].ToString(), body.GetProperty("request_id").GetString());
        AssertSecurityHeaders(http);
    }

    [Fact]
    public async Task A_handler_result_is_executed_with_security_headers_and_the_request_id()
    {
        var http = NewHttpContext("GET", "/api/v1/health");
        http.Request.Headers["X-Request-ID"] = "frontend-42";
        var context = FunctionInvocations.Create(ApiRoutes.Names.HealthLive, _services, http);
        var health = _services.GetRequiredService<HealthApi>();

        // What the worker does for an HTTP function: run it and store its return value as the invocation result.
        await _middleware.Invoke(context, async ctx =>
            ctx.GetInvocationResult().Value = await health.HealthLive(http.Request, CancellationToken.None));

        Assert.IsAssignableFrom<IActionResult>(context.GetInvocationResult().Value);
        await ExecuteInvocationResultAsync(context, http);
        Assert.Equal(200, http.Response.StatusCode);
        Assert.Equal("ok", ReadBody(http).GetProperty("status").GetString());
        Assert.Equal("frontend-42", http.Response.Headers["X-Request-ID"].ToString());
        AssertSecurityHeaders(http);
    }

    [Fact]
    public async Task An_unknown_path_reaching_the_catch_all_gets_the_404_problem()
    {
        var http = NewHttpContext("GET", "/api/v1/nothing/here");
        var context = FunctionInvocations.Create(ApiRoutes.Names.UnmatchedRoute, _services, http);
        var unmatched = _services.GetRequiredService<UnmatchedRouteApi>();

        // Unmatched paths are throttled per client IP; Redis at port 9 is down, so the in-process fallback decides.
        await _middleware.Invoke(context, ctx => { ctx.GetInvocationResult().Value = unmatched.Answer(http.Request); return Task.CompletedTask; });

        await ExecuteInvocationResultAsync(context, http);
        Assert.Equal(404, http.Response.StatusCode);
        Assert.Equal("https://scale.app/problems/not_found", ReadBody(http).GetProperty("type").GetString());
        AssertSecurityHeaders(http);
    }

    [Theory]
    [InlineData(ApiRoutesForTests.BlobFunction)]
    [InlineData(ApiRoutesForTests.TimerFunction)]
    public async Task Non_http_invocations_pass_straight_through(string functionName)
    {
        // Strict: the middleware must not even resolve the pipeline for a blob, timer or orchestration invocation.
        var services = new Mock<IServiceProvider>(MockBehavior.Strict);
        var context = FunctionInvocations.Create(functionName, services.Object);
        var functionRan = false;

        await _middleware.Invoke(context, _ => { functionRan = true; return Task.CompletedTask; });

        Assert.True(functionRan);
        Assert.Null(context.GetInvocationResult().Value);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private DefaultHttpContext NewHttpContext(string method, string path)
    {
        var http = new DefaultHttpContext { RequestServices = _services };
        http.Features.Set<IHttpResponseFeature>(new StartingResponseFeature());
        http.Request.Method = method;
        http.Request.Path = path;
        http.Request.Scheme = "https";
        http.Request.Host = new HostString("scale.azurewebsites.net");
        http.Connection.RemoteIpAddress = System.Net.IPAddress.Loopback;
        http.Response.Body = new MemoryStream();
        return http;
    }

    /// <summary>What Http.AspNetCore does with an IActionResult invocation result after the middleware returns.</summary>
    private static async Task ExecuteInvocationResultAsync(FunctionContext context, HttpContext http)
    {
        var action = Assert.IsAssignableFrom<IActionResult>(context.GetInvocationResult().Value);
        await action.ExecuteResultAsync(new ActionContext(http, new RouteData(), new ActionDescriptor()));
        await ((StartingResponseFeature)http.Features.Get<IHttpResponseFeature>()!).StartAsync();
    }

    private static JsonElement ReadBody(HttpContext http)
    {
        http.Response.Body.Position = 0;
        return JsonDocument.Parse(http.Response.Body).RootElement.Clone();
    }

    private static void AssertSecurityHeaders(HttpContext http)
    {
        var headers = http.Response.Headers;
        Assert.Equal("DENY", headers.XFrameOptions.ToString());
        Assert.Equal("nosniff", headers.XContentTypeOptions.ToString());
        Assert.Equal("default-src 'none'; frame-ancestors 'none'", headers.ContentSecurityPolicy.ToString());
        Assert.Matches("^[A-Za-z0-9._-]+$", headers["X-Request-ID"].ToString());
    }
}

/// <summary>
/// DefaultHttpContext never "starts" its response, so OnStarting callbacks (where the security headers and the
/// request id are written, as on a real server) would never run; this feature runs them like a server does.
/// </summary>
internal sealed class StartingResponseFeature : HttpResponseFeature
{
    private readonly List<(Func<object, Task> Callback, object State)> _starting = [];

    public override void OnStarting(Func<object, Task> callback, object state) => _starting.Insert(0, (callback, state));

    public async Task StartAsync()
    {
        foreach (var (callback, state) in _starting) await callback(state);
        _starting.Clear();
    }
}

internal static class ApiRoutesForTests
{
    public const string BlobFunction = "ProcessStatementBlob";
    public const string TimerFunction = Scale.Functions.Triggers.ScheduledJobs.Names.ModelRefresh;
}
