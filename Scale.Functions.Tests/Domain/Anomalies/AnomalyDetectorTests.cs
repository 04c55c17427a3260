using Scale.Domain.Anomalies;

namespace Scale.Functions.Tests.Domain.Anomalies;

public sealed class AnomalyDetectorTests
{
    [Fact]
    public void An_empty_history_has_no_alerts() => Assert.Empty(AnomalyDetector.Detect([]));

    [Fact]
    public void A_single_payment_has_no_alerts() => Assert.Empty(new History().Background(1).Detect());

    [Fact]
    public void Ordinary_background_spending_has_no_alerts() => Assert.Empty(new History().Background(200, everyDays: 1).Detect());

    [Fact]
    public void Each_kind_is_found_once_in_one_history()
    {
        var history = new History().Background(60, everyDays: 2);
        for (var i = 0; i < 15; i++) history.Add(i * 8, 400m + i * 7, "Swiggy", "Food & Dining");
        history.Add(121, 6_000m, "Swiggy", "Food & Dining");        // spike
        history.Add(122, 1_499m, "Myntra");
        history.Add(123, 1_499m, "Myntra");                          // duplicate
        history.Add(124, 38_000m, "Unknown Pvt Ltd", "Transfers");   // new merchant
        for (var i = 0; i < 7; i++) history.Add(125 + i % 4, 300m + i, "Swiggy", "Food & Dining"); // burst

        var kinds = history.Detect().GroupBy(a => a.Kind).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(1, kinds[AnomalyKind.AmountSpike]);
        Assert.Equal(1, kinds[AnomalyKind.DuplicateCharge]);
        Assert.Equal(1, kinds[AnomalyKind.NewMerchant]);
        Assert.Equal(1, kinds[AnomalyKind.UnusualFrequency]);
    }

    [Theory]
    [InlineData(12_400, "₹12,400")]
    [InlineData(124_500, "₹1,24,500")]
    [InlineData(12_345_678.5, "₹1,23,45,679")]
    [InlineData(99.5, "₹99.50")]
    [InlineData(20, "₹20")]
    public void Amounts_in_explanations_read_as_an_Indian_user_writes_them(decimal amount, string expected)
    {
        var history = new History();
        history.Add(10, amount, "Shop");
        history.Add(11, amount, "Shop");
        var alert = Assert.Single(history.Detect(AnomalyKind.DuplicateCharge));
        Assert.StartsWith(expected + " at Shop", alert.Explanation, StringComparison.Ordinal);
    }
}
