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

            for (var i = 1; i < ordered.Length; i++)
            {
                var (first, second, gap) = (ordered[i - 1], ordered[i], gaps[i - 1]);
                if (gap > t.DuplicateWindowDays) continue;
                if (gap == 0 && first.DescriptionKey == second.DescriptionKey) continue;

                var otherGaps = gaps.Length - 1;
                string cadence = "";
                if (otherGaps >= t.MinCadenceGaps)
                {
                    var asShort = gaps.Where((g, j) => j != i - 1 && g <= gap).Count();
                    if (asShort >= t.HabitualGapShare * otherGaps) continue;
                    var usual = RobustStatistics.Median(gaps.Where((_, j) => j != i - 1).Select(g => (double)g).Order().ToArray());
                    cadence = $"; you usually pay it every {usual:0} days";
                }

                // Same day scores 1; the score falls to 0.5 at the window's edge (a pair further apart is not a candidate).
                var score = Math.Round(1 - 0.5 * gap / t.DuplicateWindowDays, 3);
                var when = gap == 0 ? $"twice on {Money.Day(second.Date)}" : $"twice within {gap} day{(gap == 1 ? "" : "s")} ({Money.Day(first.Date)} and {Money.Day(second.Date)})";
                yield return new Anomaly(second.Id, AnomalyKind.DuplicateCharge, score,
                    $"{Money.Format(second.Amount, second.Currency)} at {second.Merchant!.Trim()} was charged {when}{cadence}.");
            }
        }
    }
}
