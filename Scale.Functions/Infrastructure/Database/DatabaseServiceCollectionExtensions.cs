using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Scale.Functions.Infrastructure.Database;

public static class DatabaseServiceCollectionExtensions
{
    /// <summary>One pooled NpgsqlDataSource for the process, from ConnectionStrings:Postgres.</summary>
    public static IServiceCollection AddScaleDatabase(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var connectionString = sp.GetRequiredService<IConfiguration>().GetConnectionString("Postgres")!;
            var builder = new NpgsqlDataSourceBuilder(connectionString);
            builder.UseLoggerFactory(sp.GetRequiredService<ILoggerFactory>());
            return builder.Build();
        });
        services.AddSingleton<MigrationRunner>();
        services.AddHostedService<MigrateOnStart>();
        return services;
    }

    /// <summary>Applies pending migrations before the host starts serving (Database__MigrateOnStart, default true).</summary>
    private sealed class MigrateOnStart(MigrationRunner runner, IConfiguration configuration) : IHostedService
    {
        private readonly bool _enabled = configuration.GetValue("Database:MigrateOnStart", true);

        public Task StartAsync(CancellationToken cancellationToken) =>
            _enabled ? runner.ApplyAsync(cancellationToken) : Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
