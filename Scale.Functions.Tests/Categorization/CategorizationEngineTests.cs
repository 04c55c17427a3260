using Scale.Domain.Categorization;

namespace Scale.Functions.Tests.Categorization;

public class CategorizationEngineTests(TinyModelFixture fixture) : IClassFixture<TinyModelFixture>
{
    private const string SwiggyNarration = "UPI/P2M/412345678901/SWIGGY/swiggy@ybl/Payment";

    [Fact]
    public void A_user_rule_wins_over_the_model()
    {
        var engine = new CategorizationEngine(fixture.Model);
        var rules = new UserRuleBook([new UserRule("swiggy", Taxonomy.Groceries)]);

        var withRule = engine.Classify(new ClassificationInput(SwiggyNarration), rules);
        var withoutRule = engine.Classify(new ClassificationInput(SwiggyNarration));

        Assert.Equal(Taxonomy.Groceries, withRule.Category);
        Assert.Equal(ClassificationSources.Rule, withRule.Source);
        Assert.Equal(1.0, withRule.Confidence);
        Assert.Equal("your rule: \"swiggy\" → Groceries", withRule.Explanation);
        Assert.Equal(Taxonomy.FoodAndDining, withoutRule.Category);
        Assert.Equal(ClassificationSources.Model, withoutRule.Source);
    }

    [Fact]
    public void Rules_and_the_model_read_one_analysis_a_rule_answer_names_the_merchant_and_an_unmatched_row_gets_the_models_answer()
    {
        var engine = new CategorizationEngine(fixture.Model);
        var rules = new UserRuleBook([new UserRule("zomato", Taxonomy.Groceries)]);
        var zomato = new ClassificationInput("UPI/P2M/412345678902/ZOMATO/zomato@ybl/Payment");

        var rule = engine.Classify(zomato, rules);
        Assert.Equal(ClassificationSources.Rule, rule.Source);
        Assert.Equal("ZOMATO", rule.DetectedMerchant); // imports show it without analyzing the narration again

        var unmatched = engine.Classify(new ClassificationInput(SwiggyNarration), rules);
        var alone = engine.Classify(new ClassificationInput(SwiggyNarration));
        Assert.Equal((alone.Category, alone.Confidence, alone.Source, alone.Explanation, alone.DetectedMerchant),
            (unmatched.Category, unmatched.Confidence, unmatched.Source, unmatched.Explanation, unmatched.DetectedMerchant));
    }

    [Fact]
    public void A_rule_matches_other_narrations_of_the_same_payee()
    {
        var rules = new UserRuleBook([new UserRule(NarrationKey.For(SwiggyNarration, null), Taxonomy.Groceries)]);

        Assert.True(rules.TryMatch(new ClassificationInput("UPI-SWIGGY-swiggy@ybl-YESB0YBLUPI-498765432109-ORDER 7"), out var category));
        Assert.Equal(Taxonomy.Groceries, category);
        Assert.False(rules.TryMatch(new ClassificationInput("UPI/P2M/412345678901/ZOMATO/zomato@ybl/Payment"), out _));
    }

    [Fact]
    public void A_rule_is_keyed_by_the_merchants_brand_and_a_rule_stored_under_the_printed_name_still_matches()
    {
        const string legalEntity = "UPI-BUNDL TECHNOLOGIES-BUNDLTECH@ICICI-ICIC0DC0099-410312345678-ORDER";
        Assert.Equal("swiggy", NarrationKey.For(legalEntity, null));
        Assert.Equal(("swiggy", "bundl technologies"), NarrationKey.Keys(legalEntity, null));
        Assert.Equal("swiggy", NarrationKey.For("anything", "Swiggy"));

        // Before brands keyed rules, feedback on this narration stored "bundl technologies".
        var stored = new UserRuleBook([new UserRule("bundl technologies", Taxonomy.Groceries)]);
        Assert.True(stored.TryMatch(new ClassificationInput(legalEntity), out var category));
        Assert.Equal(Taxonomy.Groceries, category);
        Assert.False(stored.TryMatch(new ClassificationInput(SwiggyNarration), out _));
    }

    [Fact]
    public void Two_users_rule_books_do_not_interfere()
    {
        var engine = new CategorizationEngine(fixture.Model);
        var alice = new UserRuleBook([new UserRule("swiggy", Taxonomy.Groceries)]);
        var bob = new UserRuleBook([new UserRule("swiggy", Taxonomy.Entertainment), new UserRule("uber", Taxonomy.Travel)]);
        var uber = new ClassificationInput("UPI/P2M/412345678901/UBER/uber@ybl/Payment");

        Assert.Equal(Taxonomy.Groceries, engine.Classify(new ClassificationInput(SwiggyNarration), alice).Category);
        Assert.Equal(Taxonomy.Entertainment, engine.Classify(new ClassificationInput(SwiggyNarration), bob).Category);
        Assert.Equal(Taxonomy.Transport, engine.Classify(uber, alice).Category);
        Assert.Equal(Taxonomy.Travel, engine.Classify(uber, bob).Category);
        Assert.Equal(Taxonomy.FoodAndDining, engine.Classify(new ClassificationInput(SwiggyNarration), UserRuleBook.Empty).Category);
    }

    [Fact]
    public void Learned_rules_take_each_payees_majority_label()
    {
        LabelledExample Example(string payee, string category) =>
            new(new ClassificationInput($"IMPS-412345678901-{payee}-HDFC-XXXXXXXX1234-NA"), category);

        var book = UserRuleBook.Learn(
        [
            Example("SURESH NAIK", Taxonomy.Rent), Example("SURESH NAIK", Taxonomy.Rent), Example("SURESH NAIK", Taxonomy.Transfers),
            Example("LAKSHMI DEVI", Taxonomy.Transfers), Example("LAKSHMI DEVI", Taxonomy.BillsAndUtilities),
        ]);

        Assert.Equal(2, book.Count);
        Assert.True(book.TryMatch(new ClassificationInput("IMPS-498765432109-SURESH NAIK-ICIC-XXXXXXXX9876-JUNE"), out var rent));
        Assert.Equal(Taxonomy.Rent, rent);
        // A tie goes to the most recent label: corrections come after the mistakes they correct.
        Assert.True(book.TryMatch(new ClassificationInput("IMPS-411111111111-LAKSHMI DEVI-SBIN-XXXXXXXX1111-NA"), out var maid));
        Assert.Equal(Taxonomy.BillsAndUtilities, maid);
    }

    [Fact]
    public void Batch_results_come_back_in_input_order()
    {
        var engine = new CategorizationEngine(fixture.Model);
        var rules = new UserRuleBook([new UserRule("zomato", Taxonomy.Groceries)]);
        var inputs = TinyCorpus.Inputs(seed: 17, count: 500);

        var batch = engine.ClassifyBatch(inputs, rules);

        Assert.Equal(inputs.Count, batch.Count);
        for (var i = 0; i < inputs.Count; i++) Assert.Equal(engine.Classify(inputs[i], rules), batch[i], ResultComparer.Instance);
    }

    [Fact]
    public void Engine_follows_a_replaced_classifier()
    {
        var holder = new ClassifierHolder(() => fixture.Model);
        var engine = new CategorizationEngine(holder);
        var strict = fixture.Model.WithThreshold(1.0);

        var before = engine.Classify(new ClassificationInput("SWIGGY BIGBASKET"));
        holder.Replace(strict);
        var after = engine.Classify(new ClassificationInput("SWIGGY BIGBASKET"));

        Assert.Equal(ClassificationSources.Model, before.Source);
        Assert.Equal(ClassificationSources.Default, after.Source);
    }

    /// <summary>Records compare lists by reference; results are equal when every field and alternative is.</summary>
    private sealed class ResultComparer : IEqualityComparer<ClassificationResult>
    {
        public static readonly ResultComparer Instance = new();

        public bool Equals(ClassificationResult? x, ClassificationResult? y) =>
            x is not null && y is not null && x with { Alternatives = [] } == y with { Alternatives = [] }
            && x.Alternatives.SequenceEqual(y.Alternatives);

        public int GetHashCode(ClassificationResult obj) => obj.Category.GetHashCode(StringComparison.Ordinal);
    }
}
