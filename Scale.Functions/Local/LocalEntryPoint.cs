using Microsoft.Extensions.Logging;
using Scale.Functions.Hosting;

namespace Scale.Functions.Local;

/// <summary>
/// `dotnet run --project Scale.Functions`                          serves the API (SCALE_URLS, default http://127.0.0.1:7071)
/// `dotnet run --project Scale.Functions -- migrate`               applies pending migrations and exits (CI/deploy)
/// `dotnet run --project Scale.Functions -- publish-model FILE`    publishes a classifier to every instance
/// </summary>
public static class LocalEntryPoint
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (MaintenanceCommands.Handles(args))
        {
            using var loggerFactory = ConsoleLoggers();
            return await MaintenanceCommands.RunAsync(args, loggerFactory);
        }

        Microsoft.AspNetCore.Builder.WebApplication app;
        try
        {
            app = LocalHost.Build(args);
        }
        catch (InvalidConfigurationException ex)
        {
            using var factory = ConsoleLoggers();
            factory.CreateLogger("Scale.Startup").LogCritical("{Problem}", ex.Message);
            return 2;
        }

        await using (app) await app.RunAsync();
        return 0;
    }

    /// <summary>JSON console logging for the paths that run before (or without) the host's own logging.</summary>
    private static ILoggerFactory ConsoleLoggers() =>
        LoggerFactory.Create(b => b.AddJsonConsole().AddFilter("Npgsql", LogLevel.Warning));
}
