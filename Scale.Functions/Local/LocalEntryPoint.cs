using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Scale.Functions.Hosting;
using Scale.Functions.Infrastructure.Categorization;
using Scale.Functions.Infrastructure.Database;

namespace Scale.Functions.Local;

/// <summary>
/// `dotnet run --project Scale.Functions`            serves the API (SCALE_URLS, default http://127.0.0.1:7071)
/// `dotnet run --project Scale.Functions -- migrate` applies pending migrations and exits (CI/deploy)
/// `dotnet run --project Scale.Functions -- publish-model FILE` publishes a classifier artifact to every instance
/// </summary>
public static class LocalEntryPoint
{
    public static async Task<int> RunAsync(string[] args)
    {
        var command = args.Length > 0 && args[0] is "migrate" or "publish-model" ? args[0] : null;
        var migrateOnly = command is not null;
        WebApplication app;
        try
        {
            app = LocalHost.Build(migrateOnly ? ["--Database:MigrateOnStart=false"] : args);
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
            }
            if (command == "publish-model")
            {
                if (args.Length < 2 || !File.Exists(args[1])) { app.Logger.LogCritical("Usage: publish-model <categorizer-*.bin>"); return 2; }
                var version = await app.Services.GetRequiredService<ClassifierModelStore>().PublishAsync(await File.ReadAllBytesAsync(args[1]), CancellationToken.None);
                app.Logger.LogInformation("Published classifier {Version}; instances swap it in within a minute", version);
            }
            if (command is not null) return 0;
            await app.RunAsync();
            return 0;
        }
    }
}
