using Scale.Domain.Anomalies;

namespace Scale.Functions.Tests.Domain.Anomalies;

public sealed class NewMerchantTests
{
    [Fact]
    public void A_first_payment_far_above_the_users_usual_spending_is_a_new_merchant_alert()
    {
        var history = new History().Background(40);
        var jeweller = history.Add(125, 45_000m, "Tanishq", "Shopping");

        var alert = Assert.Single(history.Detect(AnomalyKind.NewMerchant));
        Assert.Equal(jeweller.Id, alert.TransactionId);
        Assert.InRange(alert.Score, 0.5, 1);
        Assert.StartsWith("₹45,000 on 5 May 2024 is your first payment to Tanishq and ", alert.Explanation, StringComparison.Ordinal);
        Assert.Contains("your median payment of ₹", alert.Explanation, StringComparison.Ordinal);
        Assert.Contains("of your 41 payments exceed ₹", alert.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_first_payment_of_an_ordinary_amount_is_not_an_alert()
    {
        var history = new History().Background(40);
        history.Add(125, 650m, "New Cafe", "Food & Dining");
        Assert.Empty(history.Detect(AnomalyKind.NewMerchant));
    }

    [Fact]
    public void A_new_users_every_merchant_is_new_so_nothing_is_flagged_before_enough_history()
    {
        var history = new History().Background(10);
        history.Add(31, 45_000m, "Tanishq", "Shopping");
        Assert.Empty(history.Detect(AnomalyKind.NewMerchant));
    }

    [Fact]
    public void A_later_payment_to_a_known_merchant_is_never_a_new_merchant()
    {
        var history = new History().Background(40);
        history.Add(125, 45_000m, "Shop 3", "Shopping");
        Assert.Empty(history.Detect(AnomalyKind.NewMerchant));
    }

    [Fact]
    public void A_first_payment_is_explained_as_new_not_also_as_a_spike()
    {
        var history = new History().Background(40);
        var first = history.Add(125, 45_000m, "Tanishq", "Shopping");
        for (var i = 1; i <= 6; i++) history.Add(125 + i, 500m, "Tanishq", "Shopping");

        var alerts = history.Detect().Where(a => a.TransactionId == first.Id).ToList();
        Assert.Equal(AnomalyKind.NewMerchant, Assert.Single(alerts).Kind);
    }
}
