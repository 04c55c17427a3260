// Training benchmark (issue 8 item 8): one full training run on ROWS labelled rows (default 100,000) through the
// real API and the local Durable engine (DurableTask.Core + Azure Storage on Azurite): upload (parse, import,
// labelled examples), then each step of the orchestration as training_jobs reports it, and the end-to-end time.
// Runs against the local stack in its own scratch database and task hub, both removed at the end.
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Scale.Bench.Ingestion;
using Scale.Bench.Training;
using Scale.Domain.Categorization;
using Scale.Domain.Categorization.UserModels;
using Scale.Functions.Infrastructure.Categorization;
using Scale.Functions.Infrastructure.Database;
using Scale.Functions.Infrastructure.Training;
using Scale.Functions.Local;
using Scale.Functions.Local.Training;

var rows = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
var stack = StackEnvFile.Locate() is { } envPath ? StackEnvFile.Read(envPath) : throw new InvalidOperationException("No local stack: run scripts/local-stack.sh up or set SCALE_STACK_ENV.");
string Setting(string key) => Environment.GetEnvironmentVariable(key.Replace(":", "__", StringComparison.Ordinal)) ?? stack.GetValueOrDefault(key) ?? throw new InvalidOperationException($"{key} is not set.");

var runId = Guid.NewGuid().ToString("N")[..10];
var dbName = "scale_bench_" + runId;
await using (var admin = NpgsqlDataSource.Create(Setting("ConnectionStrings:PostgresAdmin")))
await using (var create = admin.CreateCommand($"CREATE DATABASE {dbName}"))
    await create.ExecuteNonQueryAsync();
var connectionString = new NpgsqlConnectionStringBuilder(Setting("ConnectionStrings:Postgres")) { Database = dbName }.ConnectionString;

try
{
    await using (var db = NpgsqlDataSource.Create(connectionString))
        await new MigrationRunner(db, NullLogger<MigrationRunner>.Instance).ApplyAsync();
    await using var host = await BenchHost.StartAsync(connectionString, new Dictionary<string, string?>
    {
        ["AzureWebJobsStorage"] = Setting("AzureWebJobsStorage"),
        ["TASKHUB_NAME"] = "b" + runId,
        ["Training:WorkerId"] = "bench-" + runId,
        ["RateLimiting:Training:Limit"] = "100",
        // Status is polled every 50 ms: far above the default tier's 100/min.
        ["RateLimiting:Default:Limit"] = "100000",
        // The training activity logs where its time goes (load, train, store).
        ["Logging:LogLevel:Scale.Functions.Training"] = "Information",
    });
    var engine = host.App.Services.GetRequiredService<LocalTrainingEngine>();
    try
    {
        var csv = LabelledHistory.Csv(rows);
        var user = "bench-" + runId;
        Console.WriteLine($"training bench: {rows:N0} labelled rows ({Encoding.UTF8.GetByteCount(csv) / 1_048_576.0:F1} MB CSV), {Environment.ProcessorCount} cores");

        var total = Stopwatch.StartNew();
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "history.csv");
        using var upload = new HttpRequestMessage(HttpMethod.Post, "/api/v1/training/upload") { Content = form };
        upload.Headers.Authorization = new AuthenticationHeaderValue("Bearer", host.TokenFor(user));
        using var accepted = await host.Client.SendAsync(upload);
        accepted.EnsureSuccessStatusCode();
        var jobId = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("job_id").GetString();
        var steps = new List<(string Step, TimeSpan At)> { ("upload: parse + import + labelled examples", total.Elapsed) };

        // The steps as training_jobs reports them (what the API serves), polled every 50 ms.
        JsonElement status;
        var last = "";
        while (true)
        {
            using var get = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/training/status/{jobId}");
            get.Headers.Authorization = new AuthenticationHeaderValue("Bearer", host.TokenFor(user));
            using var response = await host.Client.SendAsync(get);
            response.EnsureSuccessStatusCode();
            status = await response.Content.ReadFromJsonAsync<JsonElement>();
            var step = status.GetProperty("step").GetString()!;
            if (step != last) { steps.Add((step, total.Elapsed)); last = step; }
            if (status.GetProperty("status").GetString() is "completed" or "failed") break;
            await Task.Delay(50);
        }

        Console.WriteLine($"{"step (until the next one starts)",-48} {"seconds",8}");
        for (var i = 0; i < steps.Count - 1; i++)
        {
            var name = i == 0 ? steps[0].Step : steps[i].Step;
            var from = i == 0 ? TimeSpan.Zero : steps[i].At;
            Console.WriteLine($"{name,-48} {(steps[i + 1].At - from).TotalSeconds,8:F2}");
        }
        Console.WriteLine($"{"end to end (upload → " + status.GetProperty("status").GetString() + ")",-48} {total.Elapsed.TotalSeconds,8:F2}   (goal < 30 s)");
        if (status.GetProperty("metrics") is { ValueKind: JsonValueKind.Object } metrics)
            Console.WriteLine($"held-out: n_train {metrics.GetProperty("n_train").GetInt32():N0}, n_test {metrics.GetProperty("n_test").GetInt32():N0}; " +
                $"ML.NET user model accuracy {metrics.GetProperty("accuracy").GetDouble():P2} (macro-F1 {metrics.GetProperty("macro_f1").GetDouble():F4}) vs " +
                $"in use ({metrics.GetProperty("baseline_model_version").GetString()}) {metrics.GetProperty("baseline_accuracy").GetDouble():P2}; published {metrics.GetProperty("published").GetBoolean()}");
        else Console.WriteLine("failed: " + status.GetProperty("error").GetString());

        var examples = host.App.Services.GetRequiredService<TrainingExampleStore>();
        var (maxId, _, _) = await examples.SnapshotAsync(user, CancellationToken.None);
        var history = await examples.LoadAsync(user, maxId, CancellationToken.None);
        TrainerComparison.Print(history, host.App.Services.GetRequiredService<ClassifierHolder>().Current);

        var categorization = host.App.Services.GetRequiredService<CategorizationService>();
        ClassifyLatency.Print(await categorization.ForUserAsync(user, CancellationToken.None),
            await categorization.ForUserAsync("bench-untrained-" + runId, CancellationToken.None),
            TrainingSplit.ByTime(history).HeldOut.Select(e => e.Input).ToList());
    }
    finally
    {
        await host.App.StopAsync();
        await engine.DeleteTaskHubAsync();
    }
}
finally
{
    NpgsqlConnection.ClearAllPools();
    await using var admin = NpgsqlDataSource.Create(Setting("ConnectionStrings:PostgresAdmin"));
    await using var drop = admin.CreateCommand($"DROP DATABASE IF EXISTS {dbName} WITH (FORCE)");
    await drop.ExecuteNonQueryAsync();
}
