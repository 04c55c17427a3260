using Scale.Domain.Categorization;
using Scale.Domain.Transactions;

namespace Scale.Functions.Tests.Categorization;

/// <summary>Issue 13: payments to people and to the user's own accounts, decided before the model's ranking.</summary>
public class CounterpartyRulesTests(TinyModelFixture fixture) : IClassFixture<TinyModelFixture>
{
    private static readonly string[] Classes = [.. Taxonomy.All.Where(c => c != Taxonomy.Uncategorized)];

    private static (float[] Probs, int[] Top) Guess(params (string Category, float P)[] guesses)
    {
        var probs = new float[Classes.Length];
        var rest = (1 - guesses.Sum(g => g.P)) / (Classes.Length - guesses.Length);
        Array.Fill(probs, rest);
        foreach (var (category, p) in guesses) probs[Array.IndexOf(Classes, category)] = p;
        var top = Enumerable.Range(0, probs.Length).OrderByDescending(i => probs[i]).Take(3).ToArray();
        return (probs, top);
    }

    [Fact]
    public void A_person_paid_on_a_weak_guess_is_a_transfer_at_low_confidence()
    {
        var (probs, top) = Guess((Taxonomy.FoodAndDining, 0.62f), (Taxonomy.Shopping, 0.2f));

        var decision = CounterpartyRules.Decide(CounterpartyKind.Person, probs, Classes, top)!;

        Assert.Equal(Taxonomy.Transfers, decision.Category);
        Assert.Equal(CounterpartyRules.PersonConfidence, decision.Confidence);
        Assert.True(decision.Confidence < 0.90);
        Assert.Equal(Taxonomy.Transfers, decision.Alternatives[0].Category);
        Assert.Equal(Taxonomy.FoodAndDining, decision.Alternatives[1].Category);
        Assert.True(decision.Alternatives.Sum(a => a.Confidence) <= 1.0 + 1e-6);
    }

    [Fact]
    public void A_sure_model_answer_or_a_rent_remark_stands_for_a_person()
    {
        var (sure, sureTop) = Guess((Taxonomy.Salary, 0.95f));
        var (rent, rentTop) = Guess((Taxonomy.Rent, 0.7f));

        Assert.Null(CounterpartyRules.Decide(CounterpartyKind.Person, sure, Classes, sureTop));
        Assert.Null(CounterpartyRules.Decide(CounterpartyKind.Person, rent, Classes, rentTop));
    }

    [Fact]
    public void Own_account_is_a_confident_transfer_and_merchants_are_left_to_the_model()
    {
        var (probs, top) = Guess((Taxonomy.Investments, 0.8f));

        Assert.Equal(CounterpartyRules.OwnAccountConfidence,
            CounterpartyRules.Decide(CounterpartyKind.OwnAccount, probs, Classes, top)!.Confidence);
        Assert.Null(CounterpartyRules.Decide(CounterpartyKind.Merchant, probs, Classes, top));
        Assert.Null(CounterpartyRules.Decide(CounterpartyKind.Unknown, probs, Classes, top));
    }

    [Fact]
    public void Classifier_answers_transfers_for_a_person_and_the_users_rule_still_wins()
    {
        // The shipped model, not the tiny one: the tiny model is sure of anything, so the rule would rightly stand aside.
        var engine = new CategorizationEngine(ClassifierModelSerializer.LoadFromFile(ClassifierModelSerializerTests.ShippedModelPath));
        var input = new ClassificationInput("UPI-JYOTI SINGH-9876012345@ybl-YESB0YBLUPI-412233445566-LUNCH", null, 120m,
            TransactionType.Debit);

        var byModel = engine.Classify(input);
        var rules = new UserRuleBook([new UserRule(NarrationKey.For(input.Description, null), Taxonomy.FoodAndDining)]);
        var byRule = engine.Classify(input, rules);

        Assert.Equal(Taxonomy.Transfers, byModel.Category);
        Assert.Equal(ClassificationSources.Model, byModel.Source);
        Assert.Equal(CounterpartyRules.PersonConfidence, byModel.Confidence);
        Assert.Contains("person", byModel.Explanation, StringComparison.Ordinal);
        Assert.Equal(Taxonomy.FoodAndDining, byRule.Category);
        Assert.Equal(ClassificationSources.Rule, byRule.Source);
    }

    [Fact]
    public void Engine_passes_the_account_holder_so_a_transfer_to_oneself_is_recognised()
    {
        var engine = new CategorizationEngine(fixture.Model);
        var input = new ClassificationInput("UPI/ASHA MENON/412345678901/savings", null, 5000m, TransactionType.Debit);
        var holder = new AccountHolder(["ASHA MENON"], []);

        var mine = engine.ClassifyBatch([input], holder: holder)[0];

        Assert.Equal(Taxonomy.Transfers, mine.Category);
        Assert.Equal(CounterpartyRules.OwnAccountConfidence, mine.Confidence);
        Assert.Contains("own accounts", mine.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("own accounts", engine.Classify(input).Explanation, StringComparison.Ordinal);
    }
}
