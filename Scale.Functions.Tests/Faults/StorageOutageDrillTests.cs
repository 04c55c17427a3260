using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Scale.Functions.Tests.Ingestion;
using Scale.Functions.Tests.Support;
using Xunit.Abstractions;
using static Scale.Functions.Tests.Ingestion.IngestionClient;

namespace Scale.Functions.Tests.Faults;

/// <summary>
/// Issue 11 items 1 and 7: blob storage unreachable during an upload → 503 problem+json with Retry-After, and
/// nothing orphaned (no upload row left without its blob). Storage points at a closed port, so the shared
/// Azurite is never stopped.
/// </summary>
public sealed partial class StorageOutageDrillTests(ITestOutputHelper output)
{
    [Fact]
    public async Task An_upload_while_storage_is_down_is_a_503_and_leaves_nothing_behind()
    {
        // A port bound but never listening: connections are refused, and no other test's server can take it
        // meanwhile (a released free port can be reused, and a stranger answering HTTP is not an outage).
        using var reserved = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        reserved.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var deadPort = ((IPEndPoint)reserved.LocalEndPoint!).Port;
        var deadBlobEndpoint = BlobEndpoint().Replace(StackSettings.Storage, $"BlobEndpoint=http://127.0.0.1:{deadPort}/devstoreaccount1;");
        await using var app = await ScaleApp.StartAsync(new Dictionary<string, string?> { ["ConnectionStrings:StatementStorage"] = deadBlobEndpoint });
        var user = new IngestionClient(app, ScaleApp.NewUserId());

        var started = DateTime.UtcNow;
        using var response = await user.UploadAsync(Form(HdfcCsv(("05/03/24", "UPI-SWIGGY-ORDER", "0000412345678901", 120m, null)), "statement.csv"));
        output.WriteLine($"upload with storage down: {(int)response.StatusCode} after {(DateTime.UtcNow - started).TotalMilliseconds:0} ms");

        var body = await response.AssertProblemAsync(503, "service_unavailable");
        Assert.Contains("storage", body.GetProperty("detail").GetString());
        Assert.True(response.Headers.Contains("Retry-After"));
        Assert.Equal(0, await user.CountAsync("uploaded_files"));
    }

    [GeneratedRegex("BlobEndpoint=[^;]*;?")]
    private static partial Regex BlobEndpoint();
}
