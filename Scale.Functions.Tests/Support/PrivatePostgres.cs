using System.Diagnostics;
using Npgsql;
using Scale.Functions.Tests.Throttling;

namespace Scale.Functions.Tests.Support;

/// <summary>
/// A throwaway Postgres server on its own free port, for drills that stop the database: the shared stack's server
/// is never touched. Started like scripts/local-stack.sh does (as the postgres user when we are root), with
/// fsync off because its data is discarded.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string _dir;
    private readonly string _bin;

    private PrivatePostgres(string dir, string bin, int port)
    {
        _dir = dir;
        _bin = bin;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Trust authentication on loopback: a throwaway server with no data worth a password.</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Database=postgres;Username=scale;Timeout=3;Command Timeout=30";

    public static async Task<PrivatePostgres> StartAsync()
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            ?? throw new InvalidOperationException("No Postgres binaries under /usr/lib/postgresql; run scripts/local-stack.sh up once.");
        var dir = Path.Combine("/var/tmp", "scale-test-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        if (IsRoot) await RunAsync("chown", "postgres:postgres", dir);
        var server = new PrivatePostgres(dir, bin, RedisTestSupport.FreePort());
        await server.AsPostgresAsync("initdb", "-D", server.Data, "-U", "scale", "--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions");
        await server.StartServerAsync();
        return server;
    }

    private string Data => Path.Combine(_dir, "data");

    public Task StartServerAsync() => AsPostgresAsync("pg_ctl", "-D", Data, "-l", Path.Combine(_dir, "server.log"), "-w", "-t", "60",
        "-o", $"-p {Port} -c listen_addresses=127.0.0.1 -k {_dir} -c fsync=off -c max_connections=40", "start");

    /// <summary>The crash an outage looks like to clients: no goodbye, connections just drop.</summary>
    public Task KillAsync() => AsPostgresAsync("pg_ctl", "-D", Data, "-m", "immediate", "-w", "stop");

    public async Task<long> CountAsync(string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
        await using var command = dataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public async ValueTask DisposeAsync()
    {
        try { await KillAsync(); } catch (InvalidOperationException) { /* already stopped */ }
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private static bool IsRoot => Environment.UserName == "root";

    private Task AsPostgresAsync(string tool, params string[] args) => IsRoot
        ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. args])
        : RunAsync(Path.Combine(_bin, tool), args);

    private static async Task RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/" };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {process.ExitCode}: {await stderr}{await stdout}");
    }
}
