using Scale.Domain.Categorization;
using Scale.Domain.Transactions;

namespace Scale.Functions.Tests.Categorization;

/// <summary>
/// A rule applies to the direction it was taught from: a correction of Swiggy payments says nothing about Swiggy's
/// refunds. A rule for both directions (every rule stored before directions were kept) applies to both.
/// </summary>
public sealed class UserRuleDirectionTests
{
    private const string Payment = "UPI/P2M/412345678931/SWIGGY/swiggy@ybl/Payment for order";
    private const string Refund = "UPI/P2M/412345678961/SWIGGY/swiggy@ybl/Refund for order";

    private static ClassificationInput Row(string narration, TransactionType? type) => new(narration, Type: type);

    private static string? Match(UserRuleBook book, ClassificationInput input) =>
        book.TryClassify(input, "test")?.Category;

    [Fact]
    public void A_rule_for_debits_leaves_credits_to_the_model()
    {
        var book = new UserRuleBook([new UserRule("swiggy", Taxonomy.Entertainment, TransactionType.Debit)]);

        Assert.Equal(Taxonomy.Entertainment, Match(book, Row(Payment, TransactionType.Debit)));
        Assert.Null(Match(book, Row(Refund, TransactionType.Credit)));
        Assert.Contains("for debits", book.TryClassify(Row(Payment, TransactionType.Debit), "test")!.Explanation);
    }

    [Fact]
    public void A_rule_for_both_directions_applies_to_both_and_a_rule_for_one_direction_wins_there()
    {
        var book = new UserRuleBook([new UserRule("swiggy", Taxonomy.FoodAndDining), new UserRule("swiggy", Taxonomy.Refunds, TransactionType.Credit)]);

        Assert.Equal(Taxonomy.FoodAndDining, Match(book, Row(Payment, TransactionType.Debit)));
        Assert.Equal(Taxonomy.Refunds, Match(book, Row(Refund, TransactionType.Credit)));
        Assert.Equal(Taxonomy.FoodAndDining, Match(book, Row(Payment, null)));
        Assert.Equal(2, book.Count);
    }

    [Fact]
    public void A_rule_for_the_rows_direction_wins_over_one_for_both_in_whatever_order_they_are_read()
    {
        UserRule debit = new("swiggy", Taxonomy.Groceries, TransactionType.Debit), both = new("swiggy", Taxonomy.Entertainment);

        foreach (var book in new[] { new UserRuleBook([debit, both]), new UserRuleBook([both, debit]) })
        {
            Assert.Equal(Taxonomy.Groceries, Match(book, Row(Payment, TransactionType.Debit)));
            Assert.Equal(Taxonomy.Entertainment, Match(book, Row(Refund, TransactionType.Credit)));
        }
    }

    [Fact]
    public void A_row_of_unknown_direction_takes_the_one_direction_taught_but_not_two_that_disagree()
    {
        var one = new UserRuleBook([new UserRule("swiggy", Taxonomy.Entertainment, TransactionType.Debit)]);
        var agreeing = new UserRuleBook([new UserRule("swiggy", Taxonomy.Entertainment, TransactionType.Debit),
            new UserRule("swiggy", Taxonomy.Entertainment, TransactionType.Credit)]);
        var disagreeing = new UserRuleBook([new UserRule("swiggy", Taxonomy.Entertainment, TransactionType.Debit),
            new UserRule("swiggy", Taxonomy.Refunds, TransactionType.Credit)]);

        Assert.Equal(Taxonomy.Entertainment, Match(one, Row(Payment, null)));
        Assert.Equal(Taxonomy.Entertainment, Match(agreeing, Row(Payment, null)));
        Assert.Null(Match(disagreeing, Row(Payment, null)));
    }

    [Fact]
    public void Learning_from_history_keeps_each_direction_its_own_majority()
    {
        LabelledExample Example(string narration, TransactionType? type, string category) => new(Row(narration, type), category);

        var book = UserRuleBook.Learn(
        [
            Example(Payment, TransactionType.Debit, Taxonomy.FoodAndDining), Example(Payment, TransactionType.Debit, Taxonomy.FoodAndDining),
            Example(Refund, TransactionType.Credit, Taxonomy.Refunds),
            Example("IMPS-412345678901-SURESH NAIK-HDFC-XXXXXXXX1234-NA", null, Taxonomy.Rent),
        ]);

        Assert.Equal(3, book.Count);
        Assert.Equal(Taxonomy.FoodAndDining, Match(book, Row(Payment, TransactionType.Debit)));
        Assert.Equal(Taxonomy.Refunds, Match(book, Row(Refund, TransactionType.Credit)));
        Assert.Equal(Taxonomy.Rent, Match(book, Row("IMPS-498765432109-SURESH NAIK-ICIC-XXXXXXXX9876-JUNE", TransactionType.Credit)));
    }
}
