using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Scale.Functions.Azure.Blob;
using Scale.Functions.Hosting;
using Scale.Functions.Infrastructure.Storage;
using Scale.Functions.Infrastructure.Telemetry;
using Scale.Functions.Pipeline;

namespace Scale.Functions.Azure;

/// <summary>
/// The Azure Functions isolated worker (built with -p:ScaleHost=Functions). Same composition root as the local
/// host; only the blob adapter, the middleware adapter and the telemetry wiring differ.
/// </summary>
public static class FunctionsEntryPoint
{
    public static Task RunAsync(string[] args)
    {
        var builder = FunctionsApplication.CreateBuilder(args);

        // ASP.NET Core integration first: our middleware then sees a real HttpContext (GetHttpContext()).
        builder.ConfigureFunctionsWebApplication();
        builder.UseMiddleware<PipelineMiddleware>();

        builder.Services.AddApplicationServices(builder.Configuration);
        builder.Services.AddSingleton<IStatementStorage, BlobServiceStatementStorage>();

        // The Functions host already records one request telemetry item per HTTP invocation.
        builder.Services.AddSingleton(new RequestTelemetryMode(TrackRequests: false));

        // AddApplicationServices → AddScaleTelemetry already registers AddApplicationInsightsTelemetryWorkerService()
        // when the connection string is set; this adds the worker's own integration (invocation correlation, and
        // it removes the default rule that drops worker logs below Warning) under the same condition.
        if (!string.IsNullOrWhiteSpace(builder.Configuration[TelemetryServiceCollectionExtensions.ConnectionStringKey]))
            builder.Services.ConfigureFunctionsApplicationInsights();

        return builder.Build().RunAsync();
    }
}
