using Scale.Domain.Anomalies;

namespace Scale.Functions.Tests.Domain.Anomalies;

public sealed class UnusualFrequencyTests
{
    private static History WeeklyRides(int weeks)
    {
        var history = new History();
        for (var w = 0; w < weeks; w++) history.Add(w * 7 + w % 3, 180m + w % 5 * 20, "Uber", "Transport");
        return history;
    }

    [Fact]
    public void A_burst_of_payments_far_above_the_weekly_rate_is_one_alert_with_the_numbers()
    {
        var history = WeeklyRides(20);
        var burst = Enumerable.Range(0, 7).Select(i => history.Add(141 + i % 5, 150m + i * 10, "Uber", "Transport")).ToList();

        var alert = Assert.Single(history.Detect(AnomalyKind.UnusualFrequency));
        Assert.Contains(alert.TransactionId, burst.Select(r => r.Id));
        Assert.InRange(alert.Score, 0.5, 1);
        Assert.Matches(@"^\d+ payments to Uber in 7 days \(\d+ May 2024 to \d+ May 2024\); you usually make 1\.0 a week there \(over 21 weeks\)\.$", alert.Explanation);
    }

    [Fact]
    public void A_steady_rhythm_is_never_unusual()
    {
        var history = new History();
        for (var day = 0; day < 200; day++) history.Add(day, 20m, "Chai Point", "Food & Dining");
        Assert.Empty(WeeklyRides(40).Detect(AnomalyKind.UnusualFrequency));
        Assert.Empty(history.Detect(AnomalyKind.UnusualFrequency));
    }

    [Fact]
    public void Identical_rows_count_as_one_occasion()
    {
        var history = WeeklyRides(20);
        // Two visits with two identical coffees each: four rows, two occasions.
        foreach (var day in new[] { 141, 143 })
        {
            history.Add(day, 240m, "Uber", "Transport", $"POS {day} UBER");
            history.Add(day, 240m, "Uber", "Transport", $"POS {day} UBER");
        }
        Assert.Empty(history.Detect(AnomalyKind.UnusualFrequency));
    }

    [Fact]
    public void A_merchant_seen_for_only_a_few_weeks_has_no_rhythm_to_break()
    {
        var history = new History();
        for (var i = 0; i < 8; i++) history.Add(i % 6, 200m + i, "Rapido", "Transport");
        Assert.Empty(history.Detect(AnomalyKind.UnusualFrequency));
    }
}
