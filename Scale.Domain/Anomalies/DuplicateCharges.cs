namespace Scale.Domain.Anomalies;

/// <summary>
/// The same amount at the same merchant twice within a few days. Two cases are not duplicates:
/// <list type="bullet">
/// <item>Identical rows (same date, amount and narration): the importer keeps such rows on purpose as separate
/// occurrences of one canonical key (two equal coffees on one statement line each; TransactionFingerprint), and a
/// bank that charged twice prints two references, so the narrations differ.</item>
/// <item>A payment the user makes on a rhythm (a daily ₹20 tea, a weekly ₹500 maid, a monthly ₹649 subscription):
/// a close pair is a duplicate only when it is closer than nearly all of that series' other gaps (fewer than
/// <see cref="AnomalyThresholds.HabitualGapShare"/> of them are as short), so Netflix twice in two days is flagged
/// and the daily tea is not.</item>
/// </list>
/// The alert is on the later charge: that is the one to dispute.
/// </summary>
internal static class DuplicateCharges
{
    public static IEnumerable<Anomaly> Detect(IReadOnlyList<SpendingRow> rows, AnomalyThresholds t)
    {
        foreach (var series in rows.Where(r => r.MerchantKey is not null).GroupBy(r => (r.MerchantKey, r.Amount)))
        {
            var ordered = series.OrderBy(r => r.Date).ThenBy(r => r.Id).ToArray();
            if (ordered.Length < 2) continue;
            var gaps = new int[ordered.Length - 1];
            for (var i = 1; i < ordered.Length; i++) gaps[i - 1] = ordered[i].Date.DayNumber - ordered[i - 1].Date.DayNumber;
            // Sorted once: "how many other gaps are as short" and "the usual gap" are then a binary search and an
            // index, so a long series (a daily tea for years) costs O(k log k), not O(k²).
            var sortedGaps = gaps.Order().ToArray();

            for (var i = 1; i < ordered.Length; i++)
            {
                var (first, second, gap) = (ordered[i - 1], ordered[i], gaps[i - 1]);
                if (gap > t.DuplicateWindowDays) continue;
                if (gap == 0 && first.DescriptionKey == second.DescriptionKey) continue;

                var otherGaps = gaps.Length - 1;
                string cadence = "";
                if (otherGaps >= t.MinCadenceGaps)
                {
                    var asShort = CountAtMost(sortedGaps, gap) - 1;
                    if (asShort >= t.HabitualGapShare * otherGaps) continue;
                    cadence = $"; you usually pay it every {MedianWithoutOne(sortedGaps, gap):0} days";
                }

                // Same day scores 1; the score falls to 0.5 at the window's edge (a pair further apart is not a candidate).
                var score = Math.Round(1 - 0.5 * gap / t.DuplicateWindowDays, 3);
                var when = gap == 0 ? $"twice on {Money.Day(second.Date)}" : $"twice within {gap} day{(gap == 1 ? "" : "s")} ({Money.Day(first.Date)} and {Money.Day(second.Date)})";
                yield return new Anomaly(second.Id, AnomalyKind.DuplicateCharge, score,
                    $"{Money.Format(second.Amount, second.Currency)} at {second.Merchant!.Trim()} was charged {when}{cadence}.");
            }
        }
    }

    /// <summary>How many of the ascending <paramref name="sorted"/> values are ≤ <paramref name="value"/>.</summary>
    private static int CountAtMost(int[] sorted, int value)
    {
        var (lo, hi) = (0, sorted.Length);
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /// <summary>The median of the ascending <paramref name="sorted"/> values with one copy of <paramref name="removed"/> left out.</summary>
    private static double MedianWithoutOne(int[] sorted, int removed)
    {
        var at = Array.BinarySearch(sorted, removed);
        int Get(int k) => sorted[k < at ? k : k + 1];
        var n = sorted.Length - 1;
        return n % 2 == 1 ? Get(n / 2) : (Get(n / 2 - 1) + Get(n / 2)) / 2.0;
    }
}
