using Scale.Domain.Categorization;

namespace Scale.Functions.Tests.Categorization;

/// <summary>Issue 12 (5): legal entities and VPAs resolve to the brand users know; unknown names stay as printed.</summary>
public class MerchantLexiconTests
{
    [Theory]
    [InlineData("BUNDL TECHNOLOGIES PVT LTD", "Swiggy")]
    [InlineData("SWIGGY IN", "Swiggy")]                 // read from the VPA swiggy.in@axisbank
    [InlineData("SWIGGY INSTAMART", "Swiggy Instamart")] // the longer key wins
    [InlineData("AMAZON PAY INDIA", "Amazon Pay")]
    [InlineData("AMAZON SELLER SERVICES", "Amazon")]
    [InlineData("INNOVATIVE RETAIL CONCEPTS PRIVATE LIMITED", "BigBasket")]
    [InlineData("ani technologies pvt ltd", "Ola")]
    public void Known_counterparties_resolve_to_their_brand(string counterparty, string display) =>
        Assert.Equal(display, MerchantLexicon.Shipped.Resolve(counterparty));

    [Theory]
    [InlineData("SRI MURUGAN PROVISION STORE")]
    [InlineData("UBERTO CAFE")] // a key matches whole words only
    [InlineData("")]
    [InlineData(null)]
    public void Unknown_counterparties_are_not_resolved(string? counterparty) =>
        Assert.Null(MerchantLexicon.Shipped.Resolve(counterparty));

    [Fact]
    public void The_shipped_lexicon_is_versioned_and_well_formed() =>
        Assert.True(MerchantLexicon.Shipped is { Version: >= 1, Count: > 20 });

    [Theory]
    [InlineData("# version\t1\nSWIGGY\n")]
    [InlineData("# version\t1\nSWIGGY\tSwiggy\nswiggy\tOther\n")]
    [InlineData("SWIGGY\tSwiggy\n")]
    public void A_malformed_lexicon_is_refused(string text) =>
        Assert.Throws<FormatException>(() => MerchantLexicon.Parse(new StringReader(text)));
}
