using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Npgsql;
using Scale.Functions.Tests.Ingestion;
using Scale.Functions.Tests.Support;
using Xunit.Abstractions;
using static Scale.Functions.Tests.Ingestion.IngestionClient;

namespace Scale.Functions.Tests.Faults;

/// <summary>
/// Issue 11 items 1 and 7: Postgres killed (pg_ctl -m immediate) under a running app, then restarted. Every request
/// that needs the database answers 503 problem+json with Retry-After (never 500), nothing is half-written, and the
/// app recovers by itself. Runs against a private server so the shared stack's is never stopped.
/// </summary>
public sealed class DatabaseOutageDrillTests(ITestOutputHelper output) : IAsyncLifetime
{
    private PrivatePostgres _postgres = null!;

    public async Task InitializeAsync() => _postgres = await PrivatePostgres.StartAsync();

    public async Task DisposeAsync() => await _postgres.DisposeAsync();

    [Fact]
    public async Task Postgres_killed_gives_503_with_retry_after_and_the_app_recovers_without_restart()
    {
        await using var app = await ScaleApp.StartAsync(new Dictionary<string, string?> { ["ConnectionStrings:Postgres"] = _postgres.ConnectionString });
        var user = new IngestionClient(app, ScaleApp.NewUserId());
        await user.ImportAsync(Row("2024-03-05", 120m, "UPI-SWIGGY-ORDER"), Row("2024-03-06", 500m, "ATM WDL SBI"));

        await _postgres.KillAsync();

        var statuses = new List<int>();
        foreach (var send in new Func<Task<HttpResponseMessage>>[]
                 {
                     () => app.Client.SendAsync(app.Request(HttpMethod.Get, "/api/v1/transactions", user.UserId)),
                     () => user.PostImportAsync(new { transactions = new[] { Row("2024-03-07", 99m, "UPI-ZOMATO") } }),
                     () => app.Client.SendAsync(app.Request(HttpMethod.Get, "/api/v1/profile", user.UserId)),
                     () => app.Client.SendAsync(app.Request(HttpMethod.Get, "/api/v1/ingestion/uploads", user.UserId)),
                 })
        {
            using var response = await send();
            statuses.Add((int)response.StatusCode);
            var body = await response.AssertProblemAsync(503, "service_unavailable");
            Assert.Contains("database", body.GetProperty("detail").GetString());
            Assert.True(int.Parse(response.Headers.GetValues("Retry-After").Single()) > 0);
        }
        output.WriteLine($"while Postgres was down: {string.Join(", ", statuses)}");

        await _postgres.StartServerAsync();
        var clock = Stopwatch.StartNew();
        HttpStatusCode status;
        do
        {
            using var response = await app.Client.SendAsync(app.Request(HttpMethod.Get, "/api/v1/transactions", user.UserId));
            status = response.StatusCode;
            Assert.True(status is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"recovering: {status}");
            if (status != HttpStatusCode.OK) await Task.Delay(200);
        } while (status != HttpStatusCode.OK && clock.Elapsed < TimeSpan.FromSeconds(30));
        output.WriteLine($"recovered {clock.ElapsedMilliseconds} ms after Postgres restarted");
        Assert.Equal(HttpStatusCode.OK, status);

        // Nothing half-written: the import attempted during the outage left no row; a retry now succeeds.
        var listed = await user.GetJsonAsync("/api/v1/transactions");
        Assert.Equal(2, listed.GetProperty("items").GetArrayLength());
        var retried = await user.ImportAsync(Row("2024-03-07", 99m, "UPI-ZOMATO"));
        Assert.Equal(1, retried.GetProperty("inserted").GetInt32());
    }

    [Fact]
    public async Task An_exhausted_pool_gives_503_with_retry_after_and_clears_when_a_connection_is_free()
    {
        // A pool of one held by someone else: the request waits the pool's Timeout, then gets 503, not 500.
        var connectionString = new NpgsqlConnectionStringBuilder(_postgres.ConnectionString) { MaxPoolSize = 1, Timeout = 2 }.ConnectionString;
        await using var app = await ScaleApp.StartAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = connectionString,
            ["Categorization:RefreshSeconds"] = "3600",
        });
        var user = new IngestionClient(app, ScaleApp.NewUserId());
        var appDataSource = (NpgsqlDataSource)app.Services.GetService(typeof(NpgsqlDataSource))!;

        await using (var held = await appDataSource.OpenConnectionAsync())
        {
            using var response = await app.Client.SendAsync(app.Request(HttpMethod.Get, "/api/v1/transactions", user.UserId));
            var body = await response.AssertProblemAsync(503, "service_unavailable");
            Assert.Contains("database", body.GetProperty("detail").GetString());
            Assert.True(response.Headers.Contains("Retry-After"));
        }

        using var after = await app.Client.SendAsync(app.Request(HttpMethod.Get, "/api/v1/transactions", user.UserId));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }
}
