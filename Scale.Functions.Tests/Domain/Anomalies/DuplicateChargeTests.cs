using Scale.Domain.Anomalies;

namespace Scale.Functions.Tests.Domain.Anomalies;

public sealed class DuplicateChargeTests
{
    [Fact]
    public void The_same_amount_at_the_same_merchant_a_day_later_is_a_duplicate_on_the_later_charge()
    {
        var history = new History();
        history.Add(10, 1_299m, "Amazon");
        var second = history.Add(11, 1_299m, "Amazon");

        var alert = Assert.Single(history.Detect(AnomalyKind.DuplicateCharge));
        Assert.Equal(second.Id, alert.TransactionId);
        Assert.Equal("₹1,299 at Amazon was charged twice within 1 day (11 Jan 2024 and 12 Jan 2024).", alert.Explanation);
        Assert.InRange(alert.Score, 0.5, 1);
    }

    [Fact]
    public void Two_charges_on_one_day_with_their_own_references_are_a_duplicate()
    {
        var history = new History();
        history.Add(10, 649m, "Zomato", "Food & Dining");
        history.Add(10, 649m, "Zomato", "Food & Dining");
        var alert = Assert.Single(history.Detect(AnomalyKind.DuplicateCharge));
        Assert.Equal(1.0, alert.Score);
        Assert.Contains("twice on 11 Jan 2024", alert.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Identical_rows_the_importer_keeps_on_purpose_are_not_a_duplicate()
    {
        // Two equal coffees on one statement: same date, amount and narration (one canonical key, occurrences 0 and 1).
        var history = new History();
        history.Add(10, 240m, "Blue Tokai", "Food & Dining", "POS 110124 BLUE TOKAI COFFEE");
        history.Add(10, 240m, "Blue Tokai", "Food & Dining", "pos 110124  blue tokai coffee");
        Assert.Empty(history.Detect(AnomalyKind.DuplicateCharge));
    }

    [Fact]
    public void A_monthly_subscription_is_not_a_duplicate_but_the_same_subscription_twice_in_two_days_is()
    {
        var history = new History();
        for (var month = 0; month < 8; month++) history.Add(month * 30, 649m, "Netflix", "Entertainment");
        Assert.Empty(history.Detect(AnomalyKind.DuplicateCharge));

        var twice = history.Add(8 * 30 + 2, 649m, "Netflix", "Entertainment");
        history.Add(8 * 30, 649m, "Netflix", "Entertainment");
        var alert = Assert.Single(history.Detect(AnomalyKind.DuplicateCharge));
        Assert.Equal(twice.Id, alert.TransactionId);
        Assert.Contains("twice within 2 days", alert.Explanation, StringComparison.Ordinal);
        Assert.Contains("you usually pay it every 30 days", alert.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_daily_habit_at_one_price_is_not_a_duplicate()
    {
        var history = new History();
        for (var day = 0; day < 60; day++)
        {
            history.Add(day, 20m, "Chai Point", "Food & Dining");
            if (day % 4 == 0) history.Add(day, 20m, "Chai Point", "Food & Dining"); // a second cup, its own UPI reference
        }
        Assert.Empty(history.Detect(AnomalyKind.DuplicateCharge));
    }

    [Fact]
    public void Different_amounts_or_charges_far_apart_are_not_duplicates()
    {
        var history = new History();
        history.Add(10, 1_299m, "Amazon");
        history.Add(11, 1_300m, "Amazon");
        history.Add(30, 1_299m, "Amazon");
        history.Add(31, 1_299m, "Flipkart");
        Assert.Empty(history.Detect(AnomalyKind.DuplicateCharge));
    }
}
