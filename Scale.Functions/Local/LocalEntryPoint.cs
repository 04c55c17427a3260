using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Scale.Functions.Hosting;
using Scale.Functions.Infrastructure.Database;

namespace Scale.Functions.Local;

/// <summary>
/// `dotnet run --project Scale.Functions`            serves the API (SCALE_URLS, default http://127.0.0.1:7071)
/// `dotnet run --project Scale.Functions -- migrate` applies pending migrations and exits (CI/deploy)
/// </summary>
public static class LocalEntryPoint
{
    public static async Task<int> RunAsync(string[] args)
    {
        var migrateOnly = args.Length > 0 && args[0] == "migrate";
        WebApplication app;
        try
        {
            app = LocalHost.Build(migrateOnly ? ["--Database:MigrateOnStart=false", .. args[1..]] : args);
        }
        catch (InvalidConfigurationException ex)
        {
            using var factory = LoggerFactory.Create(b => b.AddJsonConsole());
            factory.CreateLogger("Scale.Startup").LogCritical("{Problem}", ex.Message);
            return 2;
        }

        await using (app)
        {
            if (migrateOnly)
            {
                var applied = await app.Services.GetRequiredService<MigrationRunner>().ApplyAsync();
                app.Logger.LogInformation("Applied {Count} migration(s)", applied);
                return 0;
            }
            await app.RunAsync();
            return 0;
        }
    }
}
