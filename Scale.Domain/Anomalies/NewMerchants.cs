namespace Scale.Domain.Anomalies;

/// <summary>
/// A first payment to a merchant the user has never paid, for much more than they usually spend: above the
/// <see cref="AnomalyThresholds.NewMerchantQuantile"/> quantile of all their debits and a multiple of their median.
/// Only once the user's history is long enough that "never paid before" means something (a new user's every
/// merchant is new). Quantiles over the whole history, so one pass sorts once.
/// </summary>
internal static class NewMerchants
{
    public static IEnumerable<Anomaly> Detect(IReadOnlyList<SpendingRow> rows, AnomalyThresholds t)
    {
        if (rows.Count == 0) yield break;
        var ordered = rows.OrderBy(r => r.Date).ThenBy(r => r.Id).ToArray();
        var firstDay = ordered[0].Date;

        // Per currency: a USD charge is compared with USD charges only.
        var amountsByCurrency = rows.GroupBy(r => r.Currency).ToDictionary(g => g.Key, g =>
        {
            var a = g.Select(r => (double)r.Amount).ToArray();
            Array.Sort(a);
            return (High: RobustStatistics.Quantile(a, t.NewMerchantQuantile), Median: RobustStatistics.Median(a));
        });

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ordered.Length; i++)
        {
            var row = ordered[i];
            if (row.MerchantKey is null || !seen.Add(row.MerchantKey)) continue;
            if (row.Date.DayNumber - firstDay.DayNumber < t.NewMerchantMinHistoryDays || i < t.NewMerchantMinPriorDebits) continue;

            var (high, median) = amountsByCurrency[row.Currency];
            var threshold = Math.Max(high, t.NewMerchantMedianRatio * median);
            var amount = (double)row.Amount;
            if (threshold <= 0 || amount <= threshold) continue;
            yield return new Anomaly(row.Id, AnomalyKind.NewMerchant, RobustStatistics.Score(amount, threshold),
                $"{Money.Format(row.Amount, row.Currency)} on {Money.Day(row.Date)} is your first payment to {row.Merchant!.Trim()} and " +
                $"{Money.Times(amount / median)} your median payment of {Money.Format((decimal)median, row.Currency)} " +
                $"(only {(1 - t.NewMerchantQuantile) * 100:0} % of your {rows.Count} payments exceed {Money.Format((decimal)high, row.Currency)}).");
        }
    }
}
