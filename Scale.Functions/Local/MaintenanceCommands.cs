using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Npgsql;
using Scale.Functions.Infrastructure.Categorization;
using Scale.Functions.Infrastructure.Database;

namespace Scale.Functions.Local;

/// <summary>
/// One-shot commands for CI/deploy and operators. They need only ConnectionStrings__Postgres: no host is built,
/// so Redis, storage and auth settings are neither required nor touched.
///   migrate               apply pending migrations
///   publish-model FILE    migrate, then publish a classifier artifact every instance swaps in within a minute
/// </summary>
public static class MaintenanceCommands
{
    public static bool Handles(string[] args) => args.Length > 0 && args[0] is "migrate" or "publish-model";

    public static async Task<int> RunAsync(string[] args, ILoggerFactory loggerFactory)
    {
        var logger = loggerFactory.CreateLogger("Scale.Maintenance");
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(StackEnvFile.Locate() is { } stackEnv ? StackEnvFile.Read(stackEnv) : [])
            .AddEnvironmentVariables()
            .Build();
        var connectionString = configuration.GetConnectionString("Postgres");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            logger.LogCritical("ConnectionStrings__Postgres is not set");
            return 2;
        }

        await using var dataSource = new NpgsqlDataSourceBuilder(connectionString).UseLoggerFactory(loggerFactory).Build();
        var applied = await new MigrationRunner(dataSource, loggerFactory.CreateLogger<MigrationRunner>()).ApplyAsync();
        logger.LogInformation("Applied {Count} migration(s)", applied);
        if (args[0] != "publish-model") return 0;

        if (args.Length < 2 || !File.Exists(args[1]))
        {
            logger.LogCritical("Usage: publish-model <categorizer-*.bin>");
            return 2;
        }
        string version;
        try { version = await new ClassifierModelStore(dataSource).PublishAsync(await File.ReadAllBytesAsync(args[1]), CancellationToken.None); }
        catch (ModelVersionConflictException ex)
        {
            logger.LogCritical("{Reason}", ex.Message);
            return 1;
        }
        logger.LogInformation("Published classifier {Version}; instances swap it in within a minute", version);
        return 0;
    }
}
