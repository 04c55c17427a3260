using System.Collections.Concurrent;

namespace Scale.Bench.Load;

/// <summary>Latencies (ms) and failures per route for one timed run.</summary>
public sealed class RunResult
{
    private readonly ConcurrentDictionary<string, ConcurrentBag<double>> _latencies = new();
    private readonly ConcurrentDictionary<string, int> _errors = new();

    public TimeSpan Elapsed { get; set; }

    public void Record(string route, double milliseconds, bool ok)
    {
        _latencies.GetOrAdd(route, _ => []).Add(milliseconds);
        if (!ok) _errors.AddOrUpdate(route, 1, (_, n) => n + 1);
    }

    public Samples All() => new(_latencies.Values.SelectMany(v => v));

    public double Rps(int count) => count / Elapsed.TotalSeconds;

    public double ErrorPercent()
    {
        var total = _latencies.Values.Sum(v => v.Count);
        return total == 0 ? 0 : 100.0 * _errors.Values.Sum() / total;
    }

    public void PrintRoutes()
    {
        Console.WriteLine("| route | requests | RPS | p50 ms | p95 ms | p99 ms | errors % |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var (route, bag) in _latencies.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var samples = new Samples(bag);
            var errors = _errors.GetValueOrDefault(route);
            Console.WriteLine($"| {route} | {samples.Count} | {Rps(samples.Count):F1} | {samples.P(50):F1} | {samples.P(95):F1} | {samples.P(99):F1} | {100.0 * errors / samples.Count:F2} |");
        }
        var all = All();
        Console.WriteLine($"| **mix** | {all.Count} | {Rps(all.Count):F1} | {all.P(50):F1} | {all.P(95):F1} | {all.P(99):F1} | {ErrorPercent():F2} |");
    }
}

/// <summary>Sorted latencies with nearest-rank percentiles.</summary>
public sealed class Samples(IEnumerable<double> values)
{
    private readonly double[] _sorted = values.Order().ToArray();

    public int Count => _sorted.Length;

    public double P(int percent) =>
        _sorted.Length == 0 ? double.NaN : _sorted[Math.Clamp((int)Math.Ceiling(percent / 100.0 * _sorted.Length) - 1, 0, _sorted.Length - 1)];
}
