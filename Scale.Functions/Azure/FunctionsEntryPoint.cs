using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Scale.Functions.Hosting;
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

        // The Functions host already records one request telemetry item per HTTP invocation.
        builder.Services.AddSingleton(new RequestTelemetryMode(TrackRequests: false));

        // AddApplicationServices → AddScaleTelemetry already calls AddApplicationInsightsTelemetryWorkerService() when
        // the connection string is set; under the same condition add the worker's own integration (invocation
        // correlation) and drop the SDK's default filter, which keeps only Warning and above: the per-request
        // Information line (RequestLog) is what on-call queries in App Insights.
        if (!string.IsNullOrWhiteSpace(builder.Configuration[TelemetryServiceCollectionExtensions.ConnectionStringKey]))
        {
            builder.Services.ConfigureFunctionsApplicationInsights();
            builder.Services.Configure<LoggerFilterOptions>(options =>
            {
                var warningOnly = options.Rules.FirstOrDefault(rule =>
                    rule.ProviderName == "Microsoft.Extensions.Logging.ApplicationInsights.ApplicationInsightsLoggerProvider");
                if (warningOnly is not null) options.Rules.Remove(warningOnly);
            });
        }

        return builder.Build().RunAsync();
    }
}
