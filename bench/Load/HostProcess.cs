using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Scale.Bench.Load;

/// <summary>
/// The built local host (Scale.Functions.dll) as its own process on a free loopback port, against a scratch
/// database, with every throttle tier lifted: the load test measures the API, not the 429s. Killed (whole tree)
/// on dispose; only the process started here is touched.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;

    private HostProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<HostProcess> StartAsync(string hostDll, string stackEnv, string connectionString, string signingKey, string runId)
    {
        var port = FreeLoopbackPort();
        var start = new ProcessStartInfo("dotnet", [hostDll])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(hostDll)!,
        };
        var env = start.Environment;
        env["SCALE_STACK_ENV"] = stackEnv;
        env["SCALE_URLS"] = $"http://127.0.0.1:{port}";
        env["ConnectionStrings__Postgres"] = connectionString;
        env["Auth__SigningKey"] = signingKey;
        env["Storage__StatementsContainer"] = "bench-load-" + runId;
        env["RateLimiting__KeyPrefix"] = $"scale:bench-load:{runId}:";
        foreach (var tier in new[] { "Default", "Import", "Classify", "Training" })
            env[$"RateLimiting__{tier}__Limit"] = "100000000"; // raised for the test (production: API.md tiers)
        env["Logging__LogLevel__Default"] = "Warning";
        env["DOTNET_gcServer"] = "1";
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the local host");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"[host] {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new HostProcess(process, new Uri($"http://127.0.0.1:{port}"));
        using var probe = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"the local host exited with {process.ExitCode}");
            try
            {
                if ((await probe.GetAsync("/api/v1/health/ready")).IsSuccessStatusCode) return host;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(500);
        }
        await host.DisposeAsync();
        throw new TimeoutException("the local host was not ready within 90 s");
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
