using Npgsql;

namespace Scale.Functions.Tests.Support;

/// <summary>A throwaway database per test host, so parallel runs (and worktrees) never share rows.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
        DataSource = NpgsqlDataSource.Create(connectionString);
    }

    public string Name { get; }
    public string ConnectionString { get; }
    public NpgsqlDataSource DataSource { get; }

    public static async Task<TestDatabase> CreateAsync()
    {
        var name = "scale_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var admin = NpgsqlDataSource.Create(StackSettings.PostgresAdmin))
        await using (var cmd = admin.CreateCommand($"CREATE DATABASE {name}"))
            await cmd.ExecuteNonQueryAsync();
        var builder = new NpgsqlConnectionStringBuilder(StackSettings.Postgres) { Database = name };
        return new TestDatabase(name, builder.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var admin = NpgsqlDataSource.Create(StackSettings.PostgresAdmin);
        await using var cmd = admin.CreateCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
        await cmd.ExecuteNonQueryAsync();
    }
}
