using Scale.Domain.Categorization;

namespace Scale.Functions.Tests.Categorization;

public class UserMerchantBookTests
{
    [Fact]
    public void A_rename_shows_for_every_spelling_of_the_merchant_and_leaves_others_as_they_are()
    {
        var book = new UserMerchantBook([new MerchantOverride(MerchantKey.Of("Swiggy"), "Late-night food")]);

        Assert.Equal("Late-night food", book.Display("Swiggy"));
        Assert.Equal("Late-night food", book.Display("BUNDL TECHNOLOGIES"));   // the lexicon's legal entity of the brand
        Assert.Equal("Late-night food", book.Display("swiggy"));
        Assert.Equal("Zomato", book.Display("Zomato"));
        Assert.Null(book.Display(null));
        Assert.Equal(" ", book.Display(" "));
    }

    [Fact]
    public void The_newest_rename_of_a_key_wins_and_an_empty_key_is_ignored()
    {
        var book = new UserMerchantBook([new MerchantOverride("raju tea stall", "Raju"), new MerchantOverride("raju tea stall", "Chai corner"),
            new MerchantOverride("", "Nothing")]);

        Assert.Equal(1, book.Count);
        Assert.Equal("Chai corner", book.Display("RAJU TEA-STALL"));
    }

    [Theory]
    [InlineData("Raju's Tea-Stall", "raju s tea stall")]
    [InlineData("ZOMATO LTD", "zomato")]                     // the lexicon knows ZOMATO: keyed by the brand
    [InlineData("***", "")]
    public void A_merchant_key_is_the_brand_or_the_name_in_lower_case_words(string merchant, string key) =>
        Assert.Equal(key, MerchantKey.Of(merchant));
}
