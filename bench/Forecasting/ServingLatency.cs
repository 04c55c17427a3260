using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Scale.Bench.Ingestion;
using Scale.Domain.Forecasting;
using Scale.Functions.Infrastructure.Database;
using Scale.Functions.Infrastructure.Forecasting;
using Scale.Functions.Local;

namespace Scale.Bench.Forecasting;

/// <summary>
/// `serve` mode: GET /forecast latency through the real local host for a user with two years of imported spending,
/// answered from the cache (the goal: p95 under 200 ms) beside the same request when the cache is stale and the
/// read refits (the baseline the cache is measured against). Uses the local stack in a scratch database.
/// </summary>
internal static class ServingLatency
{
    private const int Hits = 200;
    private const int Refits = 15;

    public static async Task RunAsync(IReadOnlyList<SpendingRow> corpus)
    {
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
                ["TASKHUB_NAME"] = "f" + runId,
                ["RateLimiting:Default:Limit"] = "100000",
                // Park the timers: every refit below is the read's own.
                ["Forecasting:RefreshSeconds"] = "3600",
                ["Anomaly:RecomputeSeconds"] = "3600",
            });
            var user = "bench-" + runId;
            var from = SpendingCorpus.End.AddMonths(-24).AddDays(1);
            var rows = corpus.Where(r => r.Date >= from).ToList();
            foreach (var chunk in rows.Chunk(5_000))
            {
                using var import = Request(host, HttpMethod.Post, "/api/v1/ingestion/import", user);
                import.Content = JsonContent.Create(new
                {
                    transactions = chunk.Select((r, i) => new
                    {
                        date = r.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), amount = r.Amount, type = "debit",
                        description = $"UPI/{r.Date.DayNumber}{i:00000}/{r.Category.ToUpperInvariant()}", category = r.Category,
                    }),
                });
                using var imported = await host.Client.SendAsync(import);
                imported.EnsureSuccessStatusCode();
            }
            Console.WriteLine($"serving: one user, {rows.Count:N0} debits over 24 months ({from:yyyy-MM-dd}..{SpendingCorpus.End:yyyy-MM-dd}), {Environment.ProcessorCount} cores");

            var cache = host.App.Services.GetRequiredService<ForecastCache>();
            foreach (var path in new[] { "/api/v1/forecast", "/api/v1/forecast?granularity=week", "/api/v1/forecast?granularity=day" })
            {
                var refits = new List<double>();
                for (var i = 0; i < Refits; i++)
                {
                    await cache.MarkStaleAsync(user, CancellationToken.None);
                    refits.Add(await TimeAsync(host, path, user));
                }
                var hits = new List<double>();
                for (var i = 0; i < Hits; i++) hits.Add(await TimeAsync(host, path, user));
                Console.WriteLine($"GET {path,-40} cached: p50 {Quantile(hits, 0.5),6:0.0} ms  p95 {Quantile(hits, 0.95),6:0.0} ms  ({Hits} reads) | " +
                    $"stale, refit on read: p50 {Quantile(refits, 0.5),7:0.0} ms  p95 {Quantile(refits, 0.95),7:0.0} ms  ({Refits} reads)");
            }
            Console.WriteLine("goal: cached p95 < 200 ms for a user with 2 years of data; the refit column is the same request without the cache.");
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = NpgsqlDataSource.Create(Setting("ConnectionStrings:PostgresAdmin"));
            await using var drop = admin.CreateCommand($"DROP DATABASE IF EXISTS {dbName} WITH (FORCE)");
            await drop.ExecuteNonQueryAsync();
        }
    }

    private static HttpRequestMessage Request(BenchHost host, HttpMethod method, string path, string user)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", host.TokenFor(user));
        return request;
    }

    private static async Task<double> TimeAsync(BenchHost host, string path, string user)
    {
        using var request = Request(host, HttpMethod.Get, path, user);
        var watch = Stopwatch.StartNew();
        using var response = await host.Client.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        response.EnsureSuccessStatusCode();
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Quantile(List<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
    }
}
