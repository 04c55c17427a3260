using System.Diagnostics;
using System.Text;
using Scale.Functions.Tests.Support;

namespace Scale.Functions.Tests.Training;

/// <summary>The local host as a real process (`dotnet run --no-build`), so a test can kill it with SIGKILL mid-run.</summary>
internal sealed class LocalHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private LocalHostProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>
    /// Settings for a process of its own: its database, task hub, worker id, container and throttle keys, so it
    /// shares the stack's servers with other tests but no state. Callers add what their drill tunes.
    /// </summary>
    public static Dictionary<string, string> IsolatedEnvironment(string databaseConnectionString, string name) => new()
    {
        ["ConnectionStrings__Postgres"] = databaseConnectionString,
        ["AzureWebJobsStorage"] = StackSettings.DurableStorage,
        ["TASKHUB_NAME"] = name,
        ["Training__WorkerId"] = name + "-worker",
        ["Auth__SigningKey"] = TestTokens.SigningKey,
        ["Auth__Issuer"] = TestTokens.Issuer,
        ["Auth__Audience"] = TestTokens.Audience,
        ["Storage__StatementsContainer"] = "proc-" + name,
        ["RateLimiting__KeyPrefix"] = $"scale:test:{name}:",
        ["Logging__LogLevel__Default"] = "Warning",
    };

    public static async Task<LocalHostProcess> StartAsync(Uri address, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet", ["run", "--project", Path.Combine(RepoPaths.Root, "Scale.Functions"), "-c", "Release", "--no-build"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["SCALE_URLS"] = address.ToString().TrimEnd('/');
        foreach (var (key, value) in environment) start.Environment[key] = value;
        var host = new LocalHostProcess(Process.Start(start)!);

        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (!host._process.HasExited)
        {
            try
            {
                if ((await client.GetAsync("/api/v1/health", deadline.Token)).IsSuccessStatusCode) return host;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(250, deadline.Token);
            }
        }
        throw new InvalidOperationException("The local host exited before answering /health:\n" + host.Output);
    }

    /// <summary>
    /// SIGTERM to the app itself (`dotnet run`'s child, found in /proc), as a container runtime or systemd stops it;
    /// then waits for the process to exit (at most <paramref name="timeout"/>, else kills it).
    /// </summary>
    /// <returns>The app's exit code, or null when it had to be killed.</returns>
    public async Task<int?> TerminateAsync(TimeSpan timeout)
    {
        var app = AppProcessId();
        using (var kill = Process.Start("kill", ["-TERM", app.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
            return null;
        }
    }

    /// <summary>The process serving the API: the single child `dotnet run` started (itself when it has none).</summary>
    private int AppProcessId()
    {
        var children = Directory.GetDirectories($"/proc/{_process.Id}/task")
            .SelectMany(task => File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(int.Parse)
            .ToList();
        return children.Count == 1 ? children[0] : _process.Id;
    }

    /// <summary>SIGKILL: no shutdown hooks, no graceful stop of the Durable worker.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }
}
