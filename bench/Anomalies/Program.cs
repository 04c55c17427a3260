using System.Diagnostics;
using System.Globalization;
using Scale.Bench.Anomalies;
using Scale.Domain.Anomalies;

// dotnet run -c Release --project bench/Anomalies [-- --users 40 --months 24 --per-kind 3 --seed 9]
int Arg(string name, int fallback) =>
    Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
var users = Arg("--users", 40);
var months = Arg("--months", 24);
var perKind = Arg("--per-kind", 3);
var seed = Arg("--seed", 9);

var detected = new Tally();
var naive = new Tally();
var cleanAlerts = 0;
long rows = 0;
var detectTime = new Stopwatch();
for (var u = 0; u < users; u++)
{
    var random = new Random(seed * 1_000 + u);
    var history = new CleanHistory(random, new DateOnly(2024, 1, 1), months).Generate();
    // The clean history alone: every alert on it is a false alarm (reported, and counted in precision below).
    cleanAlerts += AnomalyDetector.Detect(history.Rows).Count;
    var incidents = Injection.Inject(history, random, perKind);
    rows += history.Rows.Count;
    detectTime.Start();
    var alerts = AnomalyDetector.Detect(history.Rows);
    detectTime.Stop();
    detected.Add(incidents, alerts);
    if (Environment.GetEnvironmentVariable("ANOMALY_BENCH_SHOW_FALSE") is { } show && u == 0)
        foreach (var a in alerts.Where(a => a.Kind.ToWire() == show && !incidents.Any(i => i.Kind == a.Kind && i.TransactionIds.Contains(a.TransactionId))).Take(15))
            Console.WriteLine("false alarm: " + a.Explanation);
    naive.Add(incidents, NaiveRules.Detect(history.Rows));
}

Console.WriteLine($"anomaly detection: {users} users × {months} months, {perKind} injected anomalies of each kind per user, seed {seed}");
Console.WriteLine($"{rows:N0} debits; detection {detectTime.Elapsed.TotalMilliseconds / users:0.0} ms per user (whole history); {cleanAlerts} alerts on the clean histories before injection");
Console.WriteLine();
Console.WriteLine($"{"kind",-18} {"injected",8} | {"precision",9} {"recall",7} {"alerts",6} | {"naive precision",15} {"recall",7} {"alerts",6}");
foreach (var kind in AnomalyKinds.All)
{
    var (p, r, n, injected) = detected.Figures(kind);
    var (bp, br, bn, _) = naive.Figures(kind);
    Console.WriteLine($"{kind.ToWire(),-18} {injected,8} | {p,9:0.000} {r,7:0.000} {n,6} | {bp,15:0.000} {br,7:0.000} {bn,6}");
}
Console.WriteLine();
Console.WriteLine("naive = mean + 3·stdev (spikes per merchant, first payments against all debits, 7-day counts against weekly counts); duplicates: same merchant and amount within 3 days, no exclusions. Goal: precision and recall ≥ 0.8 per kind.");

/// <summary>Per kind: alerts naming a row of an injected incident of that kind (true), other alerts, incidents found.</summary>
internal sealed class Tally
{
    private readonly Dictionary<AnomalyKind, (int True, int Alerts, int Found, int Injected)> _byKind = [];

    public void Add(IReadOnlyList<Incident> incidents, IReadOnlyList<Anomaly> alerts)
    {
        foreach (var kind in AnomalyKinds.All)
        {
            var mine = incidents.Where(i => i.Kind == kind).ToList();
            var named = alerts.Where(a => a.Kind == kind).Select(a => a.TransactionId).ToList();
            var truePositives = named.Count(id => mine.Any(i => i.TransactionIds.Contains(id)));
            var found = mine.Count(i => named.Any(i.TransactionIds.Contains));
            var t = _byKind.GetValueOrDefault(kind);
            _byKind[kind] = (t.True + truePositives, t.Alerts + named.Count, t.Found + found, t.Injected + mine.Count);
        }
    }

    public (double Precision, double Recall, int Alerts, int Injected) Figures(AnomalyKind kind)
    {
        var t = _byKind.GetValueOrDefault(kind);
        return (t.Alerts == 0 ? 0 : (double)t.True / t.Alerts, t.Injected == 0 ? 0 : (double)t.Found / t.Injected, t.Alerts, t.Injected);
    }
}
