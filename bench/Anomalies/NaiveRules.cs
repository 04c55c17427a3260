using Scale.Domain.Anomalies;

namespace Scale.Bench.Anomalies;

/// <summary>
/// What a spreadsheet would do, for comparison in the same run: mean + 3·stdev for spikes, first payments and
/// weekly counts, and "same merchant and amount within 3 days" for duplicates with no exclusions.
/// </summary>
internal static class NaiveRules
{
    public static List<Anomaly> Detect(IReadOnlyList<SpendingRow> rows)
    {
        var alerts = new List<Anomaly>();
        var byMerchant = rows.Where(r => r.Merchant is not null).GroupBy(r => r.Merchant!).ToList();

        foreach (var g in byMerchant.Where(g => g.Count() >= 6))
        {
            var (mean, sd) = MeanSd(g.Select(r => (double)r.Amount));
            alerts.AddRange(g.Where(r => (double)r.Amount > mean + 3 * sd).Select(r => Alert(r, AnomalyKind.AmountSpike)));
        }

        foreach (var g in byMerchant.SelectMany(g => g.GroupBy(r => r.Amount)))
        {
            var o = g.OrderBy(r => r.Date).ThenBy(r => r.Id).ToArray();
            for (var i = 1; i < o.Length; i++)
                if (o[i].Date.DayNumber - o[i - 1].Date.DayNumber <= 3) alerts.Add(Alert(o[i], AnomalyKind.DuplicateCharge));
        }

        var ordered = rows.OrderBy(r => r.Date).ThenBy(r => r.Id).ToArray();
        var (allMean, allSd) = MeanSd(rows.Select(r => (double)r.Amount));
        var seen = new HashSet<string>();
        for (var i = 0; i < ordered.Length; i++)
        {
            var r = ordered[i];
            if (r.Merchant is null || !seen.Add(r.Merchant)) continue;
            if (r.Date.DayNumber - ordered[0].Date.DayNumber >= 60 && i >= 20 && (double)r.Amount > allMean + 3 * allSd)
                alerts.Add(Alert(r, AnomalyKind.NewMerchant));
        }

        var lastDay = rows.Max(r => r.Date).DayNumber;
        foreach (var g in byMerchant)
        {
            var o = g.OrderBy(r => r.Date).ThenBy(r => r.Id).ToArray();
            var start = o[0].Date.DayNumber;
            var weeks = (lastDay - start) / 7 + 1;
            if (weeks < 8) continue;
            var weekly = new double[weeks];
            foreach (var r in o) weekly[(r.Date.DayNumber - start) / 7]++;
            var (mean, sd) = MeanSd(weekly);
            int from = 0, quietUntil = int.MinValue;
            for (var i = 0; i < o.Length; i++)
            {
                var day = o[i].Date.DayNumber;
                while (o[from].Date.DayNumber <= day - 7) from++;
                if (i - from + 1 <= mean + 3 * sd || day < quietUntil) continue;
                quietUntil = day + 7;
                alerts.Add(Alert(o[i], AnomalyKind.UnusualFrequency));
            }
        }
        return alerts;
    }

    private static Anomaly Alert(SpendingRow r, AnomalyKind kind) => new(r.Id, kind, 1, "naive");

    private static (double Mean, double Sd) MeanSd(IEnumerable<double> values)
    {
        var v = values.ToArray();
        var mean = v.Average();
        return (mean, Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / Math.Max(1, v.Length - 1)));
    }
}
