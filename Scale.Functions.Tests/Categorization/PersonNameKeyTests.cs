using Scale.Domain.Categorization;

namespace Scale.Functions.Tests.Categorization;

/// <summary>A person's honorific is not part of their key: a correction follows the person across banks' layouts.</summary>
public sealed class PersonNameKeyTests
{
    [Fact]
    public void A_rule_taught_on_mr_rajesh_kumar_matches_the_next_bank_printing_rajesh_kumar()
    {
        var book = new UserRuleBook([new UserRule(NarrationKey.For("NEFT-MR. RAJESH KUMAR-HDFC0001234-N123456", null), Taxonomy.Rent)]);

        Assert.True(book.TryMatch(new ClassificationInput("UPI/412345678901/RAJESH KUMAR/rajesh.k@okaxis/june rent"), out var category));
        Assert.Equal(Taxonomy.Rent, category);
        Assert.False(book.TryMatch(new ClassificationInput("NEFT-MR. SURESH NAIK-HDFC0001234-N123457"), out _));
    }

    [Fact]
    public void A_name_that_is_only_an_honorific_keys_no_rule_of_its_own()
    {
        Assert.Equal(string.Empty, MerchantKey.Of("MR"));
        Assert.NotEqual("mr", NarrationKey.For("UPI/412345678901/MR/rk@ybl/pay", null));
        // A shop named after a saint keeps its whole name: SRI/SHRI are not taken for honorifics.
        Assert.Equal("sri sai filling station", MerchantKey.Of("SRI SAI FILLING STATION"));
    }
}
