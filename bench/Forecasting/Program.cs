// Forecasting benchmark (issue 9 item 5): a seeded corpus of users with 30 months of spending; per granularity the
// last H complete periods are held out, the forecaster sees only what came before, and every candidate and the
// chosen model are scored on the held-out periods (MASE scaled by the training history's seasonal-naive MAE, and
// sMAPE), in total and per category, with the empirical coverage of the 80 % band and the fit time per user.
// Prints figures beside the goals; asserts nothing.
using System.Diagnostics;
using System.Globalization;
using Scale.Bench.Forecasting;
using Scale.Domain.Forecasting;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var users = args.FirstOrDefault(a => a.StartsWith("users=", StringComparison.Ordinal)) is { } u ? int.Parse(u[6..], CultureInfo.InvariantCulture) : 16;
var corpus = Enumerable.Range(1, users).Select(SpendingCorpus.User).ToList();
if (args.Contains("serve"))
{
    await ServingLatency.RunAsync(corpus[0]);
    return;
}
if (args.Contains("profile"))
{
    Profile.Run(corpus[0]);
    return;
}
string[] baselines = ["naive", "seasonal_naive", "mean3", "mean12"];
string[] models = ["chosen", .. baselines, "holt_winters", "gradient_boosted", "combined"];
Console.WriteLine($"forecasting bench: {users} users, {SpendingCorpus.Start:yyyy-MM-dd}..{SpendingCorpus.End:yyyy-MM-dd}, {corpus.Sum(c => c.Count):N0} debits, {Environment.ProcessorCount} cores");

var only = args.FirstOrDefault(a => a.StartsWith("only=", StringComparison.Ordinal))?[5..].Split(',');
var verbose = args.Contains("verbose");
foreach (var (granularity, horizon) in new[] { (ForecastGranularity.Month, 3), (ForecastGranularity.Week, 8), (ForecastGranularity.Day, 28) })
{
    if (only is not null && !only.Contains(granularity.Name()))
        continue;
    // The last period that ends on or before the corpus end.
    var lastComplete = granularity.Advance(granularity.PeriodStart(SpendingCorpus.End.AddDays(1)), -1);
    var holdoutStart = granularity.Advance(lastComplete, -(horizon - 1));
    var asOf = holdoutStart.AddDays(-1);
    var scores = new List<(string Category, bool Total, string Model, double Mase, double Smape)>();
    var chosenCounts = new Dictionary<string, int>();
    int inside = 0, points = 0, insideTotal = 0, pointsTotal = 0;
    foreach (var rows in corpus)
    {
        var truth = SpendingSeries.Build(rows, SpendingCorpus.End, granularity).ToDictionary(s => s.Category);
        var training = rows.Where(r => r.Date <= asOf).ToList();
        foreach (var f in SpendingForecaster.Run(training, asOf, granularity, horizon, null, keepCandidateForecasts: true))
        {
            var full = truth[f.Series.Category];
            var at = granularity.PeriodsBetween(full.FirstPeriod, holdoutStart);
            var actual = full.Values[at..(at + horizon)];
            var scale = RollingOriginBacktest.MaseScale(f.Series.Values, granularity.SeasonLength());
            var counted = f.Series.IsTotal ? "TOTAL:" + f.Model : f.Model;
            chosenCounts[counted] = chosenCounts.GetValueOrDefault(counted) + 1;
            for (var h = 0; h < horizon; h++)
            {
                var hit = actual[h] >= f.Lower[h] - 0.005 && actual[h] <= f.Upper[h] + 0.005 ? 1 : 0;
                inside += hit;
                points++;
                if (f.Series.IsTotal)
                {
                    insideTotal += hit;
                    pointsTotal++;
                }
            }
            // Every model is scored on the same series: those where all candidates could forecast.
            if (!models.Skip(1).All(f.CandidateForecasts.ContainsKey))
                continue;
            if (verbose && f.Series.IsTotal)
                Console.WriteLine($"  TOTAL chose {f.Model}: held-out " + string.Join(" ", models.Skip(1).Select(m => $"{m} {HeldOutScore.Mase(actual, f.CandidateForecasts[m], scale):F2}/bt {f.CandidateMase[m]:F2}")));
            foreach (var model in models)
            {
                var forecast = model == "chosen" ? f.Predicted : f.CandidateForecasts[model];
                scores.Add((f.Series.Category, f.Series.IsTotal, model, HeldOutScore.Mase(actual, forecast, scale), HeldOutScore.Smape(actual, forecast)));
            }
        }
    }

    var totals = scores.Where(s => s.Total).ToList();
    var categories = scores.Where(s => !s.Total).ToList();
    Console.WriteLine();
    Console.WriteLine($"== {granularity.Name()} (horizon {horizon}, held out {holdoutStart:yyyy-MM-dd}..{granularity.Advance(lastComplete, 1).AddDays(-1):yyyy-MM-dd}; series scored: {totals.Count / models.Length} TOTAL, {categories.Count / models.Length} category)");
    Console.WriteLine($"{"model",-18}{"MASE total",12}{"MASE categ.",12}{"sMAPE total",13}{"sMAPE categ.",14}");
    foreach (var model in models)
        Console.WriteLine($"{model,-18}{Avg(totals, model, s => s.Mase),12:F3}{Avg(categories, model, s => s.Mase),12:F3}{Avg(totals, model, s => s.Smape),12:F1}%{Avg(categories, model, s => s.Smape),13:F1}%");
    Console.WriteLine($"chosen models: {string.Join(", ", chosenCounts.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value}"))}");
    Console.WriteLine($"80 % band coverage on held-out: all {Percent(inside, points)}, TOTAL {Percent(insideTotal, pointsTotal)}   (goal 75–85 %: {(Between(inside, points) ? "met" : "NOT met")})");
    foreach (var (label, set) in new[] { ("TOTAL", totals), ("categories", categories) })
    {
        var chosen = Avg(set, "chosen", s => s.Mase);
        var bestBaseline = baselines.MinBy(b => Avg(set, b, s => s.Mase))!;
        var met = baselines.All(b => chosen < Avg(set, b, s => s.Mase));
        Console.WriteLine($"goal (month, week): chosen beats every baseline on avg MASE, {label}: chosen {chosen:F3} vs best baseline {bestBaseline} {Avg(set, bestBaseline, s => s.Mase):F3} → {(met ? "met" : "NOT met")}");
    }
    Console.WriteLine($"{"per category (MASE)",-20}{"n",4}{"chosen",9}{string.Concat(baselines.Select(b => $"{b,16}"))}");
    foreach (var group in categories.GroupBy(s => s.Category).OrderBy(g => g.Key, StringComparer.Ordinal))
    {
        var list = group.ToList();
        var chosen = Avg(list, "chosen", s => s.Mase);
        var beats = baselines.All(b => chosen <= Avg(list, b, s => s.Mase) + 1e-9);
        Console.WriteLine($"{group.Key,-20}{list.Count / models.Length,4}{chosen,9:F3}{string.Concat(baselines.Select(b => $"{Avg(list, b, s => s.Mase),16:F3}"))}{(beats ? "" : "   (a baseline is better here)")}");
    }
}

if (only is not null)
    return;

// Fit time: the whole forecast (every category and TOTAL, all candidates, backtest, intervals) per user at all three
// granularities on the full 30 months, after one warm-up user (JIT and ML.NET start-up are paid once per process).
Console.WriteLine();
var horizons = new[] { (ForecastGranularity.Day, 28), (ForecastGranularity.Week, 8), (ForecastGranularity.Month, 3) };
foreach (var (g, h) in horizons)
    SpendingForecaster.Forecast(corpus[0], SpendingCorpus.End, g, h);
var perUser = new List<double>();
var perGranularity = horizons.ToDictionary(x => x.Item1, _ => 0.0);
foreach (var rows in corpus)
{
    var user = Stopwatch.StartNew();
    foreach (var (g, h) in horizons)
    {
        var one = Stopwatch.StartNew();
        SpendingForecaster.Forecast(rows, SpendingCorpus.End, g, h);
        perGranularity[g] += one.Elapsed.TotalMilliseconds;
    }
    perUser.Add(user.Elapsed.TotalMilliseconds);
}
perUser.Sort();
Console.WriteLine($"load average while timing: {File.ReadAllText("/proc/loadavg").Split(' ')[0]} on {Environment.ProcessorCount} cores");
Console.WriteLine($"fit time per user (day+week+month, 30 months, {corpus.Average(c => c.Count):N0} debits avg): median {perUser[perUser.Count / 2]:F0} ms, max {perUser[^1]:F0} ms (goal well under 2,000 ms); " +
    string.Join(", ", perGranularity.Select(p => $"{p.Key.Name()} {p.Value / corpus.Count:F0} ms")));

static double Avg(List<(string Category, bool Total, string Model, double Mase, double Smape)> set, string model, Func<(string Category, bool Total, string Model, double Mase, double Smape), double> value)
{
    var matching = set.Where(s => s.Model == model).ToList();
    return matching.Count == 0 ? double.NaN : matching.Average(value);
}

static string Percent(int part, int whole) => whole == 0 ? "n/a" : $"{100.0 * part / whole:F1} %";

static bool Between(int part, int whole) => whole > 0 && part >= 0.75 * whole && part <= 0.85 * whole;
