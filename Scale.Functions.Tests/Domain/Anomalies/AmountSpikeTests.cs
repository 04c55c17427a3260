using Scale.Domain.Anomalies;

namespace Scale.Functions.Tests.Domain.Anomalies;

public sealed class AmountSpikeTests
{
    private static History SwiggyOrders(int count)
    {
        var history = new History();
        decimal[] usual = [1_850, 2_030, 2_210, 1_960, 2_100, 1_900, 2_050, 2_300, 1_980, 2_020, 2_150, 1_870, 2_080, 2_000];
        for (var i = 0; i < count; i++) history.Add(i * 4, usual[i % usual.Length], "Swiggy", "Food & Dining");
        return history;
    }

    [Fact]
    public void A_charge_far_above_the_merchants_median_is_a_spike_explained_with_its_numbers()
    {
        var history = SwiggyOrders(14);
        var spike = history.Add(70, 12_400m, "Swiggy", "Food & Dining");

        var alert = Assert.Single(history.Detect(AnomalyKind.AmountSpike));
        Assert.Equal(spike.Id, alert.TransactionId);
        Assert.InRange(alert.Score, 0.5, 1);
        // 15 payments (this one included): median ₹2,030 → 12,400 / 2,030 = 6.1×.
        Assert.Equal("₹12,400 at Swiggy on 11 Mar 2024 is 6.1× your median of ₹2,030 over 15 payments there.", alert.Explanation);
    }

    [Fact]
    public void Ordinary_variation_at_a_merchant_is_not_a_spike()
    {
        var history = SwiggyOrders(30);
        history.Add(130, 2_600m, "Swiggy", "Food & Dining");
        Assert.Empty(history.Detect(AnomalyKind.AmountSpike));
    }

    [Fact]
    public void A_merchant_whose_orders_vary_widely_tolerates_a_large_order()
    {
        var history = new History();
        decimal[] orders = [199, 450, 1_299, 2_999, 349, 899, 3_499, 250, 1_799, 599, 4_200, 799];
        for (var i = 0; i < orders.Length; i++) history.Add(i * 10, orders[i], "Amazon");
        history.Add(130, 6_500m, "Amazon");
        // Mean + 3·stdev would not flag it either, but a median-ratio rule alone would (6,500 is 7× the median 899).
        Assert.Empty(history.Detect(AnomalyKind.AmountSpike));
    }

    [Fact]
    public void A_fixed_price_merchant_with_zero_spread_is_not_flagged_for_a_price_rise()
    {
        var history = new History();
        for (var i = 0; i < 12; i++) history.Add(i * 30, 649m, "Netflix", "Entertainment");
        history.Add(365, 799m, "Netflix", "Entertainment");
        Assert.Empty(history.Detect(AnomalyKind.AmountSpike));
    }

    [Fact]
    public void Too_short_a_merchant_history_judges_nothing()
    {
        var history = SwiggyOrders(4);
        history.Add(20, 12_400m, "Swiggy", "Food & Dining");
        Assert.Empty(history.Detect(AnomalyKind.AmountSpike));
    }

    [Fact]
    public void A_row_without_a_merchant_is_judged_against_its_category()
    {
        var history = new History();
        for (var i = 0; i < 14; i++) history.Add(i * 7, 2_000m + 10 * i, null, "Cash Withdrawal", $"ATW/{i}/MUMBAI");
        var spike = history.Add(100, 20_000m, null, "Cash Withdrawal", "ATW/99/MUMBAI");

        var alert = Assert.Single(history.Detect(AnomalyKind.AmountSpike));
        Assert.Equal(spike.Id, alert.TransactionId);
        Assert.Contains("₹20,000 in Cash Withdrawal", alert.Explanation, StringComparison.Ordinal);
        Assert.Contains("Cash Withdrawal payments without a merchant", alert.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_robust_median_is_not_dragged_by_earlier_spikes_as_a_mean_would_be()
    {
        // Two earlier huge orders would inflate a mean and stdev so much that the third hides; median/MAD do not move.
        var history = SwiggyOrders(20);
        history.Add(90, 40_000m, "Swiggy", "Food & Dining");
        history.Add(95, 38_000m, "Swiggy", "Food & Dining");
        history.Add(99, 12_400m, "Swiggy", "Food & Dining");
        Assert.Equal(3, history.Detect(AnomalyKind.AmountSpike).Count);
    }
}
