using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Scale.Functions.Infrastructure.Database;
using Scale.Functions.Tests.Support;

namespace Scale.Functions.Tests.Foundation;

public class MigrationTests
{
    [Fact]
    public async Task Concurrent_starts_apply_each_migration_exactly_once()
    {
        await using var database = await TestDatabase.CreateAsync();
        var runners = Enumerable.Range(0, 4).Select(_ => new MigrationRunner(database.DataSource, NullLogger<MigrationRunner>.Instance)).ToList();

        var applied = await Task.WhenAll(runners.Select(r => r.ApplyAsync()));

        Assert.Equal(MigrationRunner.Embedded.Count, applied.Sum());
        await using var cmd = database.DataSource.CreateCommand("SELECT count(*) FROM schema_migrations");
        Assert.Equal((long)MigrationRunner.Embedded.Count, await cmd.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Reapplying_is_a_no_op()
    {
        await using var database = await TestDatabase.CreateAsync();
        var runner = new MigrationRunner(database.DataSource, NullLogger<MigrationRunner>.Instance);
        await runner.ApplyAsync();
        Assert.Equal(0, await runner.ApplyAsync());
    }

    [Fact]
    public async Task An_edited_applied_migration_stops_startup()
    {
        await using var database = await TestDatabase.CreateAsync();
        var runner = new MigrationRunner(database.DataSource, NullLogger<MigrationRunner>.Instance);
        await runner.ApplyAsync();
        await using (var cmd = database.DataSource.CreateCommand("UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1"))
            await cmd.ExecuteNonQueryAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => runner.ApplyAsync());
        Assert.Contains("edited", error.Message);
    }

    [Fact]
    public void Migrations_are_numbered_without_gaps()
    {
        var versions = MigrationRunner.Embedded.Select(m => m.Version).ToList();
        Assert.Equal(Enumerable.Range(1, versions.Max()), versions);
    }
}
