using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Scale.Functions.Api;
using Scale.Functions.Hosting;
using Scale.Functions.Local.Blob;
using Scale.Functions.Local.Training;
using Scale.Functions.Training;
using Scale.Functions.Pipeline;

namespace Scale.Functions.Local;

/// <summary>
/// The local host: Kestrel serving the same handlers the Functions classes call, through the same pipeline.
/// It is also the in-process host the end-to-end tests drive over real HTTP.
/// </summary>
public static class LocalHost
{
    public const string DefaultUrl = "http://127.0.0.1:7071";

    /// <param name="overrides">Highest-precedence settings (tests use it for their database, keys and ports).</param>
    public static WebApplication Build(string[] args, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);

        // Lowest precedence: the local stack's settings file; then the usual sources; then explicit overrides.
        if (StackEnvFile.Locate() is { } stackEnv)
            builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = StackEnvFile.Read(stackEnv) });
        if (overrides is not null) builder.Configuration.AddInMemoryCollection(overrides);

        builder.WebHost.UseUrls(builder.Configuration["SCALE_URLS"] ?? builder.Configuration["urls"] ?? DefaultUrl);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // The pipeline enforces per-route limits; Kestrel's ceiling is the largest of them.
            kestrel.Limits.MaxRequestBodySize = builder.Configuration.GetValue<long?>("Limits:UploadBodyBytes") ?? new BodyLimitOptions().UploadBodyBytes;
            // Above the pipeline's limits, so an oversized request line or header block gets the API's problem+json
            // (RequestHeadLimits) instead of Kestrel's bare 414/431.
            kestrel.Limits.MaxRequestLineSize = RequestHeadLimits.MaxTargetLength * RequestHeadLimits.ServerCeilingFactor + 1024;
            kestrel.Limits.MaxRequestHeadersTotalSize = RequestHeadLimits.MaxHeaderBytes * RequestHeadLimits.ServerCeilingFactor;
        });

        builder.Logging.ClearProviders();
        // RequestLog writes the one line per request on-call reads; ASP.NET Core's own would duplicate it.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddJsonConsole(options =>
        {
            options.IncludeScopes = true;
            options.UseUtcTimestamp = true;
            options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
        });

        // Checked here, with the other start-up settings, so a missing one is a clear message and exit code 2.
        if (LocalTrainingEngine.StorageConnection(builder.Configuration) is null)
            throw new InvalidConfigurationException([LocalTrainingEngine.MissingStorage]);
        builder.Services.AddApplicationServices(builder.Configuration);
        builder.Services.AddGracefulShutdown(builder.Configuration);
        builder.Services.AddSingleton(new RequestTelemetryMode(TrackRequests: true));
        builder.Services.AddHostedService<LocalTimers>();
        builder.Services.AddHostedService<StatementBlobWatcher>();
        // Training on a real Durable engine (DurableTask.Core + Azure Storage on Azurite); also its client.
        builder.Services.AddSingleton<LocalTrainingEngine>();
        builder.Services.AddSingleton<ITrainingRuns>(sp => sp.GetRequiredService<LocalTrainingEngine>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LocalTrainingEngine>());
        builder.Services.AddRouting();

        var app = builder.Build();
        app.UseRouting();
        var pipeline = app.Services.GetRequiredService<RequestPipeline>();
        app.Use(async (context, next) =>
        {
            var route = context.GetEndpoint()?.Metadata.GetMetadata<ApiRoute>();
            var result = await pipeline.RunAsync(context, route, () => next(context));
            if (result is not null && !context.Response.HasStarted) await result.ExecuteAsync(context);
        });
        app.MapScaleApi();
        return app;
    }

    /// <summary>Maps every API route to the same static handlers the Functions classes call.</summary>
    public static IEndpointRouteBuilder MapScaleApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(ApiRoutes.Prefix);
        foreach (var (route, handler) in LocalRouteTable.Handlers)
            api.MapMethods(route.Template, [route.Method], handler).WithName(route.Name).WithMetadata(route);
        // Lowest precedence, any method: the same 404/405 problem the Functions host's UnmatchedRoute returns.
        endpoints.MapFallback(ApiRoutes.Templates.AnyPath, (HttpRequest request, UnmatchedRouteApi unmatched) => unmatched.Answer(request));
        return endpoints;
    }
}
