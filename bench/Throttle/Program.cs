// Per-check latency of the Redis sliding-window throttle (one Lua script per request), against the same
// multiplexer's plain PING in the same run as the floor: what one check costs beyond a network round trip.
// Sequential (latency) and 32-way concurrent (what a busy instance sees). Prints a table; asserts nothing.
using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Scale.Functions.Infrastructure.Redis;
using Scale.Functions.Pipeline.Throttling;

var stackEnv = Environment.GetEnvironmentVariable("SCALE_STACK_ENV") ?? Path.Combine(FindRepo(), ".local", "stack.env");
var redis = File.ReadLines(stackEnv).Select(l => l.Split('=', 2)).First(p => p[0] == "ConnectionStrings__Redis")[1];
var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = redis }).Build();
await using var connection = new RedisConnection(configuration, NullLogger<RedisConnection>.Instance);
connection.EnsureStarted();
for (var i = 0; i < 100 && connection.TryGetDatabase() is null; i++) await Task.Delay(50);
var database = connection.TryGetDatabase() ?? throw new InvalidOperationException($"Redis at {redis} is not reachable: run scripts/local-stack.sh up");

var options = Options.Create(new RateLimitingOptions { KeyPrefix = $"scale:bench:{Guid.NewGuid():N}:" });
options.Value.Default.Limit = int.MaxValue; // measure admitted checks, the common case
var throttle = new RedisSlidingWindowThrottle(connection, options);
const int Count = 5_000;

var client = typeof(StackExchange.Redis.ConnectionMultiplexer).Assembly;
var clientVersion = System.Reflection.CustomAttributeExtensions.GetCustomAttribute<System.Reflection.AssemblyInformationalVersionAttribute>(client)?.InformationalVersion.Split('+')[0];
Console.WriteLine($"StackExchange.Redis {clientVersion}, {Count:N0} operations each");
Console.WriteLine("| operation | mode | p50 µs | p99 µs | ops/s |");
Console.WriteLine("|---|---|---|---|---|");
await Measure("PING (baseline)", _ => database.PingAsync());
await Measure("throttle check", i => throttle.CheckAsync("user:bench-" + (i % 64), ThrottleTier.Default, CancellationToken.None));

async Task Measure<T>(string name, Func<int, Task<T>> operation)
{
    for (var i = 0; i < 500; i++) await operation(i); // warm-up: script cached, pools and JIT settled
    var samples = new double[Count];
    for (var i = 0; i < Count; i++)
    {
        var started = Stopwatch.GetTimestamp();
        await operation(i);
        samples[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
    }
    Array.Sort(samples);
    var total = samples.Sum();
    Console.WriteLine($"| {name} | sequential | {samples[Count / 2]:F0} | {samples[Count * 99 / 100]:F0} | {Count / (total / 1e6):N0} |");

    var clock = Stopwatch.StartNew();
    var next = -1;
    await Task.WhenAll(Enumerable.Range(0, 32).Select(async _ =>
    {
        while (Interlocked.Increment(ref next) < Count) await operation(next);
    }));
    Console.WriteLine($"| {name} | 32 concurrent | | | {Count / clock.Elapsed.TotalSeconds:N0} |");
}

static string FindRepo()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "Scale.slnx"))) return dir.FullName;
    throw new InvalidOperationException("Scale.slnx not found");
}
