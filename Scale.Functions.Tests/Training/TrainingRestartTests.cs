using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Npgsql;
using Scale.Functions.Tests.Support;
using Scale.Functions.Tests.Throttling;

namespace Scale.Functions.Tests.Training;

/// <summary>
/// A run survives its host: the local host process is killed (SIGKILL) while the job is training, a new process with
/// the same worker id takes the task hub over, replays the orchestrator's recorded history (a non-deterministic
/// orchestrator would fail here) and finishes the job, with each activity's effect applied once.
/// </summary>
public sealed class TrainingRestartTests
{
    private const int Rows = 3_000;

    [Fact]
    public async Task Host_killed_mid_training_and_restarted_completes_the_job_with_each_effect_once()
    {
        await using var database = await TestDatabase.CreateAsync();
        var taskHub = "t" + Guid.NewGuid().ToString("N")[..12];
        var environment = LocalHostProcess.IsolatedEnvironment(database.ConnectionString, taskHub);
        // The killed activity's message becomes visible again after this long, not the provider's 5 minutes.
        environment["Training__VisibilityTimeoutSeconds"] = "5";
        var address = new Uri($"http://127.0.0.1:{RedisTestSupport.FreePort()}/");
        var user = ScaleApp.NewUserId();

        Guid jobId;
        (string Status, string Step) atKill;
        await using (var first = await LocalHostProcess.StartAsync(address, environment))
        {
            jobId = await UploadAsync(address, user);
            await WaitForStepAsync(database.DataSource, jobId, "training", first);
            await first.KillAsync();
            atKill = await StatusAsync(database.DataSource, jobId);
        }
        Assert.Equal(("processing", "training"), atKill);

        await using (var second = await LocalHostProcess.StartAsync(address, environment))
        {
            var final = await WaitForFinalAsync(database.DataSource, jobId);
            Assert.True(final.Status == "completed", $"job ended {final.Status}: {final.Error}\n{second.Output}");
        }

        Assert.Equal(1L, await CountAsync(database.DataSource, "SELECT count(*) FROM user_models WHERE job_id = $1", jobId));
        Assert.Equal(1L, await CountAsync(database.DataSource, "SELECT count(*) FROM user_models WHERE user_id = $1 AND active", user));
        Assert.Equal((long)Rows, await CountAsync(database.DataSource, "SELECT count(*) FROM labelled_examples WHERE user_id = $1", user));
        Assert.Equal((long)Rows, await CountAsync(database.DataSource, "SELECT count(*) FROM transactions WHERE user_id = $1", user));
        await DeleteTaskHubAsync(taskHub);
    }

    private static async Task<Guid> UploadAsync(Uri address, string user)
    {
        using var client = new HttpClient { BaseAddress = address };
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(TrainingClient.LabelledCsv(Rows, new DateOnly(2018, 1, 1))));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "history.csv");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/training/upload") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Hs256(TestTokens.Claims(user)));
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return await TrainingClient.AcceptedJobIdAsync(response);
    }

    private static async Task<(string Status, string Step)> StatusAsync(NpgsqlDataSource db, Guid jobId)
    {
        await using var cmd = db.CreateCommand("SELECT status, step FROM training_jobs WHERE job_id = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = jobId });
        await using var reader = await cmd.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetString(0), reader.GetString(1));
    }

    /// <summary>Waits for the job to reach <paramref name="step"/>; a job that ends first, or a timeout, fails with
    /// what the job and the host said (a run that cannot be killed mid-step says nothing about restarts).</summary>
    private static async Task WaitForStepAsync(NpgsqlDataSource db, Guid jobId, string step, LocalHostProcess host)
    {
        var deadline = DateTime.UtcNow + TrainingClient.RunTimeout;
        (string Status, string Step) last;
        while ((last = await StatusAsync(db, jobId)).Step != step)
        {
            if (last.Status is "completed" or "failed")
                Assert.Fail($"The job ended ({last.Status}) before step {step}.\n{host.Output}");
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"The job never reached step {step} in {TrainingClient.RunTimeout.TotalSeconds} s; last {last}.\n{host.Output}");
            await Task.Delay(20);
        }
    }

    private static async Task<(string Status, string? Error)> WaitForFinalAsync(NpgsqlDataSource db, Guid jobId)
    {
        using var deadline = new CancellationTokenSource(TrainingClient.RunTimeout);
        while (true)
        {
            await using var cmd = db.CreateCommand("SELECT status, error FROM training_jobs WHERE job_id = $1");
            cmd.Parameters.Add(new NpgsqlParameter { Value = jobId });
            await using var reader = await cmd.ExecuteReaderAsync(deadline.Token);
            await reader.ReadAsync(deadline.Token);
            var status = reader.GetString(0);
            if (status is "completed" or "failed") return (status, reader.IsDBNull(1) ? null : reader.GetString(1));
            await reader.DisposeAsync();
            await Task.Delay(250, deadline.Token);
        }
    }

    private static async Task<long> CountAsync(NpgsqlDataSource db, string sql, object parameter)
    {
        await using var cmd = db.CreateCommand(sql);
        cmd.Parameters.Add(new NpgsqlParameter { Value = parameter });
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private static async Task DeleteTaskHubAsync(string taskHub)
    {
        var service = new DurableTask.AzureStorage.AzureStorageOrchestrationService(new DurableTask.AzureStorage.AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = taskHub,
            StorageAccountClientProvider = new DurableTask.AzureStorage.StorageAccountClientProvider(StackSettings.DurableStorage),
        });
        await service.DeleteAsync();
    }
}
