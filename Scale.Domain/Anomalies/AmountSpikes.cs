namespace Scale.Domain.Anomalies;

/// <summary>
/// An amount far above what the user usually pays that merchant: a robust z-score of the amount's logarithm
/// against the merchant's median and MAD of log amounts, and a minimum multiple of the median. Logarithms because
/// spending is multiplicative (an order is "3× the usual", and a shop where orders range ₹200–₹3,000 is not
/// judged like a ₹20 tea stall). The group's statistics include the row itself: median and MAD barely move for one
/// outlier, and it keeps the detector O(n log n) per group.
/// A row without a merchant is judged against its category instead; a row with a merchant never is (a category
/// mixes a ₹20 tea and a ₹600 dinner, so a first visit to a restaurant would look like a spike; first payments
/// are <see cref="NewMerchants"/>' job).
/// </summary>
internal static class AmountSpikes
{
    /// <summary>Categories whose amounts are lumpy by nature (a SIP top-up, paying a friend back).</summary>
    private static readonly HashSet<string> NoCategoryFallback = new(StringComparer.OrdinalIgnoreCase)
    {
        Categorization.Taxonomy.Transfers, Categorization.Taxonomy.Investments,
    };

    public static IEnumerable<Anomaly> Detect(IReadOnlyList<SpendingRow> rows, AnomalyThresholds t)
    {
        var byMerchant = rows.Where(r => r.MerchantKey is not null).GroupBy(r => r.MerchantKey!).ToDictionary(g => g.Key, g => new Group(g));
        var byCategory = rows.Where(r => r.MerchantKey is null && r.CategoryKey is not null && !NoCategoryFallback.Contains(r.Category!.Trim()))
            .GroupBy(r => r.CategoryKey!).ToDictionary(g => g.Key, g => new Group(g));

        foreach (var row in rows)
        {
            string place, over;
            Group? group;
            if (row.MerchantKey is not null)
            {
                group = byMerchant[row.MerchantKey];
                if (group.Count < t.MinMerchantHistory) continue;
                (place, over) = ($"at {row.Merchant!.Trim()}", "payments there");
            }
            else if (row.CategoryKey is not null && byCategory.TryGetValue(row.CategoryKey, out group) && group.Count >= t.MinCategoryHistory)
                (place, over) = ($"in {row.Category!.Trim()}", $"{row.Category!.Trim()} payments without a merchant");
            else continue;

            var spread = Math.Max(RobustStatistics.MadToSigma * group.LogMad, Math.Log(1 + t.MinSpreadShare));
            var z = (Math.Log((double)row.Amount) - group.LogMedian) / spread;
            var ratio = (double)row.Amount / group.Median;
            if (z < t.SpikeZ || ratio < t.SpikeRatio) continue;

            yield return new Anomaly(row.Id, AnomalyKind.AmountSpike, RobustStatistics.Score(z, t.SpikeZ),
                $"{Money.Format(row.Amount, row.Currency)} {place} on {Money.Day(row.Date)} is {Money.Times(ratio)} your median of " +
                $"{Money.Format((decimal)group.Median, row.Currency)} over {group.Count} {over}.");
        }
    }

    private sealed class Group
    {
        public Group(IEnumerable<SpendingRow> rows)
        {
            var amounts = rows.Select(r => (double)r.Amount).ToArray();
            Array.Sort(amounts);
            Count = amounts.Length;
            Median = RobustStatistics.Median(amounts);
            var logs = amounts.Select(a => Math.Log(a)).ToArray();
            LogMedian = RobustStatistics.Median(logs);
            LogMad = RobustStatistics.Mad(logs, LogMedian);
        }

        public int Count { get; }
        public double Median { get; }
        public double LogMedian { get; }
        public double LogMad { get; }
    }
}
