using MathNet.Numerics.Distributions;

namespace Scale.Domain.Anomalies;

/// <summary>
/// Many more payments to one merchant within 7 days than the user's usual rate there could explain. The usual
/// weekly rate is a trimmed mean of the merchant's weekly counts (weeks from its first payment to the end of the
/// history, empty weeks included, identical rows counted once, the busiest 10 % dropped so past bursts do not raise it); a 7-day count is
/// unusual when a Poisson count at that rate would reach it less than once in
/// <see cref="AnomalyThresholds.FrequencyRarity"/> weeks. One alert per burst, on the payment that made it unusual.
/// </summary>
internal static class UnusualFrequency
{
    private const int WindowDays = 7;
    private const double TrimmedShare = 0.1;

    public static IEnumerable<Anomaly> Detect(IReadOnlyList<SpendingRow> rows, AnomalyThresholds t)
    {
        if (rows.Count == 0) yield break;
        var lastDay = rows.Max(r => r.Date).DayNumber;
        foreach (var merchant in rows.Where(r => r.MerchantKey is not null).GroupBy(r => r.MerchantKey!))
        {
            // Identical rows (same day, amount and narration: two coffees on one bill line each) are one occasion:
            // they come in pairs, and counting both would make a pair look like a burst.
            var ordered = merchant.DistinctBy(r => (r.Date, r.Amount, r.DescriptionKey)).OrderBy(r => r.Date).ThenBy(r => r.Id).ToArray();
            var start = ordered[0].Date.DayNumber;
            var weeks = (lastDay - start) / WindowDays + 1;
            if (weeks < t.FrequencyMinWeeks) continue;

            var weekly = new double[weeks];
            foreach (var row in ordered) weekly[(row.Date.DayNumber - start) / WindowDays]++;
            Array.Sort(weekly);
            var kept = weekly.Length - (int)(weekly.Length * TrimmedShare);
            var rate = Math.Max(weekly.Take(kept).Average(), 1.0 / weeks);
            var threshold = Math.Max(t.FrequencyMinBurst, RareCount(rate, 1 / t.FrequencyRarity));

            var from = 0;
            var quietUntil = int.MinValue;
            for (var i = 0; i < ordered.Length; i++)
            {
                var day = ordered[i].Date.DayNumber;
                while (ordered[from].Date.DayNumber <= day - WindowDays) from++;
                var count = i - from + 1;
                if (count < threshold || day < quietUntil) continue;
                quietUntil = day + WindowDays;
                var row = ordered[i];
                yield return new Anomaly(row.Id, AnomalyKind.UnusualFrequency, RobustStatistics.Score(count, threshold),
                    $"{count} payments to {row.Merchant!.Trim()} in 7 days ({Money.Day(ordered[from].Date)} to {Money.Day(row.Date)}); " +
                    $"you usually make {rate:0.0} a week there (over {weeks} weeks).");
            }
        }
    }

    /// <summary>The smallest count a Poisson(rate) week reaches with probability below <paramref name="tail"/>.</summary>
    private static int RareCount(double rate, double tail)
    {
        var k = 1;
        while (1 - Poisson.CDF(rate, k - 1) >= tail) k++;
        return k;
    }
}
