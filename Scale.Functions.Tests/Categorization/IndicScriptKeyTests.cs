using Scale.Domain.Categorization;

namespace Scale.Functions.Tests.Categorization;

/// <summary>Vowel signs are combining marks: keys and names in Devanagari keep them with their letters.</summary>
public sealed class IndicScriptKeyTests
{
    [Fact]
    public void A_devanagari_name_keeps_its_vowel_signs_in_its_key()
    {
        Assert.Equal("चाय वाला", MerchantKey.Normalize("चाय-वाला"));
        Assert.NotEqual(MerchantKey.Normalize("चाय वाला"), MerchantKey.Normalize("च य व ल"));
    }

    [Fact]
    public void A_rule_taught_for_a_devanagari_narration_matches_that_payee_and_not_another_that_shares_its_consonants()
    {
        var book = new UserRuleBook([new UserRule(NarrationKey.For("चाय वाला नाश्ता", null), Taxonomy.FoodAndDining)]);

        Assert.True(book.TryMatch(new ClassificationInput("चाय वाला नाश्ता"), out var category));
        Assert.Equal(Taxonomy.FoodAndDining, category);
        Assert.False(book.TryMatch(new ClassificationInput("च य व ल न श त"), out _));
    }
}
