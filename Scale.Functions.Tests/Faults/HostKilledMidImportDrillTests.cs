using System.Globalization;
using Npgsql;
using Scale.Functions.Tests.Support;
using Scale.Functions.Tests.Throttling;
using Scale.Functions.Tests.Training;
using Xunit.Abstractions;

using static Scale.Functions.Tests.Faults.HostDrills;

namespace Scale.Functions.Tests.Faults;

/// <summary>
/// Issue 11 drill: the local host process is killed (SIGKILL) while the blob processor is importing a large
/// statement. The import is one database transaction, so nothing of it is stored; a new process takes the lapsed
/// claim over (the stalled-upload sweep) and the upload completes with every row exactly once.
/// </summary>
public sealed class HostKilledMidImportDrillTests(ITestOutputHelper output)
{
    private const int Rows = 60_000;

    [Fact]
    public async Task Host_killed_mid_import_leaves_no_rows_and_the_restarted_host_completes_the_upload_once()
    {
        await using var database = await TestDatabase.CreateAsync();
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var environment = LocalHostProcess.IsolatedEnvironment(database.ConnectionString, "k" + suffix);
        // The dead process's claim lapses after this long (longer than the import takes on a loaded machine, or a
        // live import would lose its claim too), and the sweep looks every two seconds.
        environment["Ingestion__LeaseSeconds"] = "30";
        environment["Ingestion__SweepSeconds"] = "2";
        environment["Ingestion__StalledPendingSeconds"] = "2";
        var address = new Uri($"http://127.0.0.1:{RedisTestSupport.FreePort()}/");
        var user = ScaleApp.NewUserId();

        Guid uploadId;
        string statusAtKill;
        long rowsAtKill;
        await using (var first = await LocalHostProcess.StartAsync(address, environment))
        {
            uploadId = await UploadAsync(address, user, Statement(Rows));
            await WaitForStatusAsync(database.DataSource, uploadId, TimeSpan.FromMinutes(3), "processing");
            await first.KillAsync();
            statusAtKill = (await UploadRowAsync(database.DataSource, uploadId)).Status;
            rowsAtKill = await CountRowsAsync(database.DataSource, user);
        }
        output.WriteLine($"at kill: upload {statusAtKill}, {rowsAtKill} rows stored");
        Assert.Equal("processing", statusAtKill);
        Assert.Equal(0, rowsAtKill); // all or nothing: the killed import's transaction never committed

        await using (var second = await LocalHostProcess.StartAsync(address, environment))
        {
            var final = await WaitForStatusAsync(database.DataSource, uploadId, TimeSpan.FromMinutes(3), "completed", "failed");
            await using var error = database.DataSource.CreateCommand("SELECT coalesce(error, '') FROM uploaded_files WHERE upload_id = $1");
            error.Parameters.Add(new NpgsqlParameter { Value = uploadId });
            Assert.True(final == "completed", $"upload ended {final}: {await error.ExecuteScalarAsync()}\n{second.Output}");
        }
        Assert.Equal(Rows, await CountRowsAsync(database.DataSource, user));
        await using var inserted = database.DataSource.CreateCommand("SELECT inserted FROM uploaded_files WHERE upload_id = $1");
        inserted.Parameters.Add(new NpgsqlParameter { Value = uploadId });
        Assert.Equal(Rows, Convert.ToInt32(await inserted.ExecuteScalarAsync(), CultureInfo.InvariantCulture));
    }
}
