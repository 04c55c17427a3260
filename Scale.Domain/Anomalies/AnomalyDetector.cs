namespace Scale.Domain.Anomalies;

/// <summary>
/// Every alert for one user's debits, in one pass over their whole history (the store recomputes after each change,
/// so an alert can also disappear when later history makes it ordinary). At most one alert per transaction and
/// kind; a first payment to a new merchant is explained as such, not also as a spike against its category.
/// </summary>
public static class AnomalyDetector
{
    public static IReadOnlyList<Anomaly> Detect(IReadOnlyList<SpendingRow> debits, AnomalyThresholds? thresholds = null)
    {
        var t = thresholds ?? AnomalyThresholds.Default;
        if (debits.Count == 0) return [];
        var newMerchant = NewMerchants.Detect(debits, t).ToList();
        var firstPayments = newMerchant.Select(a => a.TransactionId).ToHashSet();
        return
        [
            .. AmountSpikes.Detect(debits, t).Where(a => !firstPayments.Contains(a.TransactionId)),
            .. DuplicateCharges.Detect(debits, t),
            .. newMerchant,
            .. UnusualFrequency.Detect(debits, t),
        ];
    }
}
