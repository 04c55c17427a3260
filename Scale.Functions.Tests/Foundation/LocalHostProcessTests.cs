using System.Diagnostics;
using Scale.Functions.Tests.Support;
using Scale.Functions.Tests.Throttling;

namespace Scale.Functions.Tests.Foundation;

/// <summary>
/// `dotnet run` starts the local host even after the Functions flavor was built in the same checkout (scripts/test.sh
/// builds and publishes it first): each flavor restores into its own obj/, so the local build never inherits the
/// Worker SDK's run command ("Unable to launch the Azure Functions Core Tools").
/// </summary>
public class LocalHostProcessTests
{
    [Fact]
    public async Task Dotnet_run_serves_the_local_host()
    {
        await using var database = await TestDatabase.CreateAsync();
        var port = RedisTestSupport.FreePort();
        var start = new ProcessStartInfo("dotnet", ["run", "--project", Path.Combine(RepoPaths.Root, "Scale.Functions"), "-c", "Release", "--no-build"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["SCALE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ConnectionStrings__Postgres"] = database.ConnectionString;
        start.Environment["Storage__StatementsContainer"] = "process-" + Guid.NewGuid().ToString("N")[..8];
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // A task hub of its own on the stack's Azurite (the training engine starts with the host).
        start.Environment["AzureWebJobsStorage"] = StackSettings.DurableStorage;
        start.Environment["TASKHUB_NAME"] = "p" + Guid.NewGuid().ToString("N")[..12];
        using var process = Process.Start(start)!;
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            HttpResponseMessage? health = null;
            while (!deadline.IsCancellationRequested && !process.HasExited)
            {
                try { health = await client.GetAsync("/api/v1/health", deadline.Token); break; }
                catch (HttpRequestException) { await Task.Delay(250, deadline.Token); }
            }
            string log;
            lock (output) log = output.ToString();
            Assert.True(health is { IsSuccessStatusCode: true }, $"the local host did not answer /health; its output:\n{log}");
            Assert.DoesNotContain("Core Tools", log);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }
}
