using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using Scale.Functions.Tests.Support;
using Scale.Functions.Tests.Throttling;
using Scale.Functions.Tests.Training;
using Xunit.Abstractions;

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
            uploadId = await UploadAsync(address, user);
            await WaitForStatusAsync(database.DataSource, uploadId, "processing");
            await first.KillAsync();
            statusAtKill = await StatusAsync(database.DataSource, uploadId);
            rowsAtKill = await CountRowsAsync(database.DataSource, user);
        }
        output.WriteLine($"at kill: upload {statusAtKill}, {rowsAtKill} rows stored");
        Assert.Equal("processing", statusAtKill);
        Assert.Equal(0, rowsAtKill); // all or nothing: the killed import's transaction never committed

        await using (var second = await LocalHostProcess.StartAsync(address, environment))
        {
            var final = await WaitForStatusAsync(database.DataSource, uploadId, "completed", "failed");
            await using var error = database.DataSource.CreateCommand("SELECT coalesce(error, '') FROM uploaded_files WHERE upload_id = $1");
            error.Parameters.Add(new NpgsqlParameter { Value = uploadId });
            Assert.True(final == "completed", $"upload ended {final}: {await error.ExecuteScalarAsync()}\n{second.Output}");
        }
        Assert.Equal(Rows, await CountRowsAsync(database.DataSource, user));
        await using var inserted = database.DataSource.CreateCommand("SELECT inserted FROM uploaded_files WHERE upload_id = $1");
        inserted.Parameters.Add(new NpgsqlParameter { Value = uploadId });
        Assert.Equal(Rows, Convert.ToInt32(await inserted.ExecuteScalarAsync(), CultureInfo.InvariantCulture));
    }

    private static byte[] Statement()
    {
        var sb = new StringBuilder("Date,Narration,Chq./Ref.No.,Value Dt,Withdrawal Amt.,Deposit Amt.,Closing Balance\n");
        var balance = 10_000_000m;
        var start = new DateOnly(2022, 1, 1);
        for (var i = 0; i < Rows; i++)
        {
            var date = start.AddDays(i / 80).ToString("dd/MM/yy", CultureInfo.InvariantCulture);
            var amount = 10m + i % 997;
            balance -= amount;
            sb.Append(CultureInfo.InvariantCulture, $"{date},UPI-MERCHANT {i % 613}-PAY{i}@YBL-{400000000000 + i},{400000000000 + i},{date},{amount:0.00},,{balance:0.00}\n");
        }
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private static async Task<Guid> UploadAsync(Uri address, string user)
    {
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) };
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Statement());
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "statement.csv");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/ingestion/uploads") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Hs256(TestTokens.Claims(user)));
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return Guid.Parse((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("upload_id").GetString()!);
    }

    private static async Task<string> StatusAsync(NpgsqlDataSource db, Guid uploadId)
    {
        await using var cmd = db.CreateCommand("SELECT status FROM uploaded_files WHERE upload_id = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = uploadId });
        return (string)(await cmd.ExecuteScalarAsync())!;
    }

    private static async Task<string> WaitForStatusAsync(NpgsqlDataSource db, Guid uploadId, params string[] statuses)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (true)
        {
            var status = await StatusAsync(db, uploadId);
            if (statuses.Contains(status)) return status;
            await Task.Delay(20, deadline.Token);
        }
    }

    private static async Task<long> CountRowsAsync(NpgsqlDataSource db, string user)
    {
        await using var cmd = db.CreateCommand("SELECT count(*) FROM transactions WHERE user_id = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = user });
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
