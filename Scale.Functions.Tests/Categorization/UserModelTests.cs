using Scale.Domain.Categorization;
using Scale.Domain.Categorization.UserModels;
using Scale.Domain.Transactions;

namespace Scale.Functions.Tests.Categorization;

/// <summary>The per-user model's pure parts: split by time, scores, the publish gate, training and the decision order.</summary>
public sealed class UserModelTests
{
    // The shipped base model, whichever version is checked in.
    internal static readonly ITransactionClassifier Base = ClassifierHolder.FromFile(
        Directory.GetFiles(Path.Combine(Support.RepoPaths.Root, "data", "models"), "categorizer-*.bin").Order().Last()).Current;

    [Fact]
    public void Held_out_rows_are_the_most_recent_fifth()
    {
        var examples = Enumerable.Range(0, 10).Select(i => new DatedExample(100 - i, new DateOnly(2026, 1, 10 - i),
            new LabelledExample(new ClassificationInput("row " + i), "Rent"))).ToList();

        var (train, heldOut) = TrainingSplit.ByTime(examples);

        Assert.Equal(8, train.Count);
        Assert.Equal(["row 1", "row 0"], heldOut.Select(e => e.Input.Description));
    }

    [Fact]
    public void Scores_are_accuracy_macro_f1_and_f1_per_category()
    {
        var scores = ModelEvaluation.Score(["Rent", "Rent", "Education", "Education"], ["Rent", "Education", "Education", "Education"]);

        Assert.Equal(0.75, scores.Accuracy);
        Assert.Equal(0.6667, scores.PerClassF1["Rent"]);   // tp 1, 2 actual, 1 predicted
        Assert.Equal(0.8, scores.PerClassF1["Education"]); // tp 2, 2 actual, 3 predicted
        Assert.Equal(0.7333, scores.MacroF1);
    }

    [Theory]
    [InlineData(0.9, 0.8, true)]
    [InlineData(0.8, 0.8, false)] // a tie keeps the model in use
    [InlineData(0.7, 0.8, false)]
    public void Only_a_strictly_better_candidate_is_published(double candidate, double inUse, bool published) =>
        Assert.Equal(published, PublishGate.ShouldPublish(candidate, inUse));

    [Fact]
    public void A_trained_model_learns_the_users_payee_is_overruled_by_their_rules_and_survives_its_artifact()
    {
        var landlord = new ClassificationInput("UPI/RAMESH KUMAR/ramesh.kumar@okaxis/rent", Amount: 15000, Type: TransactionType.Debit);
        var food = new ClassificationInput("UPI/ZOMATO/zomato@hdfcbank/order", Amount: 450, Type: TransactionType.Debit);
        var training = Enumerable.Range(0, 12).SelectMany(i => new[]
        {
            new LabelledExample(landlord with { Description = $"UPI/RAMESH KUMAR/ramesh.kumar@okaxis/rent {i}" }, Taxonomy.Rent),
            new LabelledExample(food with { Description = $"UPI/ZOMATO/zomato@hdfcbank/order {i}" }, Taxonomy.FoodAndDining),
        }).ToList();

        var model = UserModelTrainer.Train(training, Base, "user-test");
        var reloaded = UserCategoryModel.Load(model.Artifact, "user-test");

        Assert.Equal(Taxonomy.Rent, reloaded.Predict(landlord, Base.Classify(landlord)));
        var served = UserModelOverlay.Apply(Base.Classify(landlord), landlord, reloaded);
        Assert.Equal((Taxonomy.Rent, ClassificationSources.Model, "user-test"), (served.Category, served.Source, served.ModelVersion));
        var rule = new UserRuleBook([new UserRule(NarrationKey.For(landlord.Description, null), Taxonomy.Transfers)]).TryClassify(landlord, Base.ModelVersion)!;
        Assert.Same(rule, UserModelOverlay.Apply(rule, landlord, reloaded));
        // Same examples, same seed: the same model (a retried training step rebuilds what the first attempt built).
        var again = UserModelTrainer.Train(training, Base, "user-test");
        foreach (var input in new[] { landlord, food, new ClassificationInput("UPI/NEW PAYEE/new@ybl/x") })
            Assert.Equal(model.Classify(input, Base.Classify(input))?.Confidence, again.Classify(input, Base.Classify(input))?.Confidence);
    }
}
