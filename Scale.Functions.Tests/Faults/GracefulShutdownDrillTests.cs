using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Npgsql;
using Scale.Functions.Tests.Support;
using Scale.Functions.Tests.Throttling;
using Scale.Functions.Tests.Training;
using Xunit.Abstractions;

using static Scale.Functions.Tests.Faults.HostDrills;

namespace Scale.Functions.Tests.Faults;

/// <summary>
/// Issue 11 item 6 drill: the local host process gets SIGTERM (as a container runtime stops it) while work is in
/// flight. Work is made to last on purpose: the test holds a lock on the transactions table, so an import waits at
/// its insert for as long as the test likes. The host must stop accepting connections at once, finish an HTTP
/// request in flight, and for a statement import that cannot finish within the grace period roll it back (no
/// partial rows) and release the claim, so a second host imports the upload at once instead of after the lease.
/// </summary>
public sealed class GracefulShutdownDrillTests(ITestOutputHelper output)
{
    private const int Rows = 300;

    [Fact]
    public async Task On_SIGTERM_the_request_in_flight_completes_new_connections_are_refused_and_the_host_exits_within_its_grace()
    {
        const int graceSeconds = 10;
        await using var database = await TestDatabase.CreateAsync();
        var environment = LocalHostProcess.IsolatedEnvironment(database.ConnectionString, "g" + Guid.NewGuid().ToString("N")[..12]);
        environment["Shutdown__GraceSeconds"] = graceSeconds.ToString(CultureInfo.InvariantCulture);
        var address = new Uri($"http://127.0.0.1:{RedisTestSupport.FreePort()}/");
        var user = ScaleApp.NewUserId();

        await using var host = await LocalHostProcess.StartAsync(address, environment);
        var blocker = await TransactionsLock.HoldAsync(database.ConnectionString);
        using var client = Client(address);
        var import = client.SendAsync(Authorized(HttpMethod.Post, "/api/v1/ingestion/import", user, JsonContent.Create(new
        {
            transactions = Enumerable.Range(0, Rows).Select(i => new { date = "2024-03-05", amount = 10m + i, type = "debit", description = $"UPI-SWIGGY-{i}" }),
        })));
        await blocker.WaitForWaiterAsync();

        var clock = Stopwatch.StartNew();
        var exit = host.TerminateAsync(TimeSpan.FromSeconds(graceSeconds * 3));
        var refusedAt = await WhenConnectionsAreRefusedAsync(address, clock);
        await Task.Delay(TimeSpan.FromSeconds(2)); // still in flight well after the signal
        Assert.False(import.IsCompleted, "the request did not stay in flight");
        await blocker.DisposeAsync();
        var releasedAt = clock.Elapsed;
        using var response = await import;
        var answeredAt = clock.Elapsed;
        var exitCode = await exit;
        var exitedAt = clock.Elapsed;

        output.WriteLine($"SIGTERM at 0 ms (grace {graceSeconds} s): new connections refused at {refusedAt.TotalMilliseconds:0} ms; " +
                         $"lock released at {releasedAt.TotalMilliseconds:0} ms; in-flight import answered {(int)response.StatusCode} at " +
                         $"{answeredAt.TotalMilliseconds:0} ms; process exited ({exitCode?.ToString(CultureInfo.InvariantCulture) ?? "killed"}) at {exitedAt.TotalMilliseconds:0} ms");
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}\n{host.Output}");
        Assert.Equal(Rows, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("inserted").GetInt32());
        Assert.Equal(Rows, await CountRowsAsync(database.DataSource, user));
        Assert.Equal(0, exitCode);
        Assert.True(exitedAt < TimeSpan.FromSeconds(graceSeconds), $"exited {exitedAt.TotalSeconds:0.0} s after SIGTERM, grace {graceSeconds} s");
    }

    [Fact]
    public async Task On_SIGTERM_a_statement_import_outlasting_the_grace_is_rolled_back_and_released_and_a_second_host_imports_it_at_once()
    {
        const int graceSeconds = 4;
        await using var database = await TestDatabase.CreateAsync();
        var environment = LocalHostProcess.IsolatedEnvironment(database.ConnectionString, "g" + Guid.NewGuid().ToString("N")[..12]);
        environment["Shutdown__GraceSeconds"] = graceSeconds.ToString(CultureInfo.InvariantCulture);
        // The default lease (300 s): without the release, the second host would wait for it to lapse.
        environment["Ingestion__LeaseSeconds"] = "300";
        var address = new Uri($"http://127.0.0.1:{RedisTestSupport.FreePort()}/");
        var user = ScaleApp.NewUserId();

        Guid uploadId;
        TimeSpan exitedAt;
        int? exitCode;
        TransactionsLock blocker;
        await using (var first = await LocalHostProcess.StartAsync(address, environment))
        {
            blocker = await TransactionsLock.HoldAsync(database.ConnectionString); // after start: migrations have run
            uploadId = await UploadAsync(address, user, Statement(Rows));
            await WaitForStatusAsync(database.DataSource, uploadId, TimeSpan.FromMinutes(2), "processing");
            await blocker.WaitForWaiterAsync();
            var clock = Stopwatch.StartNew();
            exitCode = await first.TerminateAsync(TimeSpan.FromSeconds(graceSeconds * 3));
            exitedAt = clock.Elapsed;
        }
        await using (blocker)
        {
            // Read while the lock is still held: whatever the stopped host left is all there is.
            var (status, claimedBy, error) = await UploadRowAsync(database.DataSource, uploadId);
            output.WriteLine($"SIGTERM during a blocked statement import (grace {graceSeconds} s): process exited ({exitCode?.ToString(CultureInfo.InvariantCulture) ?? "killed"}) " +
                             $"at {exitedAt.TotalMilliseconds:0} ms; upload left {status}, claimed by {claimedBy ?? "nobody"}, error \"{error}\"");
            Assert.Equal(0, exitCode);
            Assert.True(exitedAt < TimeSpan.FromSeconds(graceSeconds), $"exited {exitedAt.TotalSeconds:0.0} s after SIGTERM, grace {graceSeconds} s");
            Assert.Equal(("pending", null), (status, claimedBy));
            Assert.Equal(0, await CountRowsAsync(database.DataSource, user));
        }

        var started = Stopwatch.StartNew();
        await using (var second = await LocalHostProcess.StartAsync(address, environment))
        {
            var serving = started.Elapsed;
            var final = await WaitForStatusAsync(database.DataSource, uploadId, TimeSpan.FromMinutes(2), "completed", "failed");
            output.WriteLine($"second host serving after {serving.TotalMilliseconds:0} ms; upload {final} {(started.Elapsed - serving).TotalMilliseconds:0} ms later (lease 300 s)");
            Assert.True(final == "completed", $"upload ended {final}\n{second.Output}");
        }
        Assert.Equal(Rows, await CountRowsAsync(database.DataSource, user));
        await using var attempts = database.DataSource.CreateCommand("SELECT attempts FROM uploaded_files WHERE upload_id = $1");
        attempts.Parameters.Add(new NpgsqlParameter { Value = uploadId });
        Assert.Equal(2, Convert.ToInt32(await attempts.ExecuteScalarAsync(), CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// An open transaction holding SHARE ROW EXCLUSIVE on transactions: reads go on, every insert waits for it.
    /// Disposing commits it (nothing was written), which lets the waiting imports go on.
    /// </summary>
    private sealed class TransactionsLock : IAsyncDisposable
    {
        private readonly NpgsqlConnection _connection;
        private readonly NpgsqlTransaction _transaction;
        private bool _released;

        private TransactionsLock(NpgsqlConnection connection, NpgsqlTransaction transaction) => (_connection, _transaction) = (connection, transaction);

        public static async Task<TransactionsLock> HoldAsync(string connectionString)
        {
            var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            var transaction = await connection.BeginTransactionAsync();
            await using var command = new NpgsqlCommand("LOCK TABLE transactions IN SHARE ROW EXCLUSIVE MODE", connection, transaction);
            await command.ExecuteNonQueryAsync();
            return new TransactionsLock(connection, transaction);
        }

        /// <summary>Until an import is waiting for the lock (bounded).</summary>
        public async Task WaitForWaiterAsync()
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            while (true)
            {
                await using var command = new NpgsqlCommand("""
                    SELECT count(*) FROM pg_locks
                    WHERE NOT granted AND relation = 'transactions'::regclass
                      AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                    """, _connection, _transaction);
                if ((long)(await command.ExecuteScalarAsync(deadline.Token))! > 0) return;
                await Task.Delay(50, deadline.Token);
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_released) return;
            _released = true;
            await _transaction.CommitAsync();
            await _connection.DisposeAsync();
        }
    }

    private static async Task<TimeSpan> WhenConnectionsAreRefusedAsync(Uri address, Stopwatch clock)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, address.Port, deadline.Token);
            }
            catch (SocketException)
            {
                return clock.Elapsed;
            }
            await Task.Delay(20, deadline.Token);
        }
    }
}
