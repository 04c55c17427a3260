// Load test of the real API through the local host over loopback (ARCHITECTURE.md §8: figures come from a
// command). Usage (bench/Load/run.sh builds first):
//   dotnet bench/Load/bin/Release/net10.0/Scale.Bench.Load.dll <Scale.Functions.dll> [--concurrency 16]
//       [--duration 20] [--ramp 1,2,4,8,16,32] [--step 8] [--users 8]
// Closed loop: each of --concurrency workers sends the next request of the mix when the last one answered.
// Bounded: the run stops at duration + ramp steps, and a hard cap of 10 minutes. Prints markdown tables.
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Npgsql;
using Scale.Bench.Load;

var hostDll = args.FirstOrDefault(a => a.EndsWith(".dll", StringComparison.Ordinal))
              ?? throw new ArgumentException("first argument: the built Scale.Functions.dll (bench/Load/run.sh passes it)");
string Option(string name, string fallback) =>
    args.SkipWhile(a => a != "--" + name).Skip(1).FirstOrDefault() ?? fallback;
var concurrency = int.Parse(Option("concurrency", "16"), CultureInfo.InvariantCulture);
var duration = TimeSpan.FromSeconds(int.Parse(Option("duration", "20"), CultureInfo.InvariantCulture));
var ramp = Option("ramp", "1,2,4,8,16,32,64").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();
var step = TimeSpan.FromSeconds(int.Parse(Option("step", "8"), CultureInfo.InvariantCulture));
var userCount = int.Parse(Option("users", "8"), CultureInfo.InvariantCulture);
using var hardCap = new CancellationTokenSource(TimeSpan.FromMinutes(10));

var stackEnv = Environment.GetEnvironmentVariable("SCALE_STACK_ENV") ?? throw new ArgumentException("SCALE_STACK_ENV is not set (run.sh sets it)");
var stack = File.ReadLines(stackEnv).Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
var runId = Guid.NewGuid().ToString("N")[..10];
var database = "scale_bench_load_" + runId;
var admin = stack["ConnectionStrings__PostgresAdmin"];
await Exec(admin, $"CREATE DATABASE {database}");
var connectionString = new NpgsqlConnectionStringBuilder(stack["ConnectionStrings__Postgres"]) { Database = database }.ConnectionString;
var signingKey = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

try
{
    await using var host = await HostProcess.StartAsync(hostDll, stackEnv, connectionString, signingKey, runId);
    using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        BaseAddress = host.Address,
        Timeout = TimeSpan.FromSeconds(30),
    };
    var users = await SeedAsync(client, userCount, signingKey, hardCap.Token);
    var workload = new Workload(client, users);

    await RunAsync(workload, 8, TimeSpan.FromSeconds(15), hardCap.Token); // warm-up: tiered JIT, pools, model loaded
    Console.WriteLine($"## Mix at concurrency {concurrency} for {duration.TotalSeconds:F0} s ({userCount} users, {Environment.ProcessorCount} cores, client and host on one machine, load average {LoadAverage()})");
    Console.WriteLine();
    var main = await RunAsync(workload, concurrency, duration, hardCap.Token);
    main.PrintRoutes();

    Console.WriteLine();
    Console.WriteLine($"## Ramp ({step.TotalSeconds:F0} s per step): where p95 of the mix crosses 100 ms");
    Console.WriteLine();
    Console.WriteLine("| concurrency | RPS | p50 ms | p95 ms | p99 ms | errors % |");
    Console.WriteLine("|---|---|---|---|---|---|");
    int? crossed = null;
    foreach (var level in ramp)
    {
        var result = await RunAsync(workload, level, step, hardCap.Token);
        var all = result.All();
        Console.WriteLine($"| {level} | {result.Rps(all.Count):F0} | {all.P(50):F1} | {all.P(95):F1} | {all.P(99):F1} | {result.ErrorPercent():F2} |");
        if (crossed is null && all.P(95) > 100) crossed = level;
    }
    Console.WriteLine();
    Console.WriteLine(crossed is { } c ? $"p95 first above 100 ms at concurrency {c}." : "p95 stayed at or under 100 ms at every step.");
    Console.WriteLine($"Load average at the end: {LoadAverage()} (a shared machine: other work competes for the cores).");
}
finally
{
    NpgsqlConnection.ClearAllPools();
    await Exec(admin, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
}

// The 1-minute load average (Linux), printed with the figures: they mean little on a busy machine.
static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

static async Task Exec(string connectionString, string sql)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection);
    await command.ExecuteNonQueryAsync();
}

// Each user: 1,000 transactions (two imports of 500) and one uploaded statement whose status the mix reads.
static async Task<IReadOnlyList<BenchUser>> SeedAsync(HttpClient client, int count, string signingKey, CancellationToken cancel)
{
    var users = new List<BenchUser>();
    var random = new Random(42);
    for (var u = 0; u < count; u++)
    {
        var id = $"bench-load-{u}";
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object> { ["sub"] = id },
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)), SecurityAlgorithms.HmacSha256),
        });
        for (var batch = 0; batch < 2; batch++)
        {
            using var import = new HttpRequestMessage(HttpMethod.Post, "/api/v1/ingestion/import") { Content = JsonContent.Create(Narrations.Import(random, -(u * 10 + batch) - 1, 500)) };
            import.Headers.Authorization = new("Bearer", token);
            using var imported = await client.SendAsync(import, cancel);
            if (!imported.IsSuccessStatusCode) throw new InvalidOperationException($"seeding import: {(int)imported.StatusCode} {await imported.Content.ReadAsStringAsync(cancel)}");
        }
        var csv = "Date,Description,Amount,Type\n01/02/2026,UPI/123456789/SWIGGY/PAYMENT,450.00,Debit\n02/02/2026,NEFT SALARY ACME,85000.00,Credit\n";
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "statement.csv");
        using var upload = new HttpRequestMessage(HttpMethod.Post, "/api/v1/ingestion/uploads") { Content = form };
        upload.Headers.Authorization = new("Bearer", token);
        using var created = await client.SendAsync(upload, cancel);
        var body = await created.Content.ReadFromJsonAsync<JsonObject>(cancel);
        var uploadId = body?["upload_id"]?.GetValue<string>() ?? throw new InvalidOperationException($"seeding upload: {(int)created.StatusCode}");
        users.Add(new BenchUser(id, token, uploadId));
    }
    return users;
}

static async Task<RunResult> RunAsync(Workload workload, int workers, TimeSpan length, CancellationToken cancel)
{
    var result = new RunResult();
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, workers).Select(async w =>
    {
        var random = new Random(1000 + w);
        while (clock.Elapsed < length && !cancel.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            var ticket = random.Next(100);
            string route;
            bool ok;
            try { (route, ok) = await workload.SendAsync(ticket, random, cancel); }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException) { route = "transport error"; ok = false; }
            result.Record(route, Stopwatch.GetElapsedTime(started).TotalMilliseconds, ok);
        }
    }));
    result.Elapsed = clock.Elapsed;
    return result;
}
