using Scale.Domain.Categorization;
using Scale.Domain.Categorization.UserModels;
using Scale.Domain.Transactions;

namespace Scale.Functions.Tests.Categorization;

/// <summary>
/// Training on identical rows merged into weighted ones (the default, for speed) learns what one row per example
/// learns: same decisions, same confidences up to the optimizer's tolerance, and a reproducible artifact.
/// </summary>
public sealed class UserModelMergedRowsTests
{
    private static readonly ITransactionClassifier Base = UserModelTests.Base;

    // Repeated payees with amounts in a few bands and unique references (which the features leave out), so many rows repeat.
    private static readonly List<LabelledExample> History = Enumerable.Range(0, 300).Select(i => (i % 5) switch
    {
        0 => new LabelledExample(new ClassificationInput($"UPI/RAMESH KUMAR/ramesh.kumar@okaxis/rent/{400000 + i}", Amount: 15000, Type: TransactionType.Debit), Taxonomy.Rent),
        1 => new LabelledExample(new ClassificationInput($"UPI/ANITA SHARMA/anita.sharma@ybl/tuition/{400000 + i}", Amount: 3000 + i % 3 * 900, Type: TransactionType.Debit), Taxonomy.Education),
        2 => new LabelledExample(new ClassificationInput($"UPI/ZOMATO/zomato@hdfcbank/order/{400000 + i}", Amount: 200 + i % 7 * 60, Type: TransactionType.Debit), Taxonomy.FoodAndDining),
        3 => new LabelledExample(new ClassificationInput($"POS 4591XXXXXXXX{1000 + i % 4} DMART BANGALORE", Amount: 900 + i % 5 * 300, Type: TransactionType.Debit), Taxonomy.Groceries),
        _ => new LabelledExample(new ClassificationInput($"UPI/LAKSHMI DEVI/lakshmi.d@paytm/monthly/{400000 + i}", Amount: 4000, Type: TransactionType.Debit), Taxonomy.BillsAndUtilities),
    }).ToList();

    private static readonly ClassificationInput[] Unseen =
    [
        new("UPI/RAMESH KUMAR/ramesh.kumar@okaxis/june rent/998877", Amount: 15000, Type: TransactionType.Debit),
        new("UPI/LAKSHMI DEVI/lakshmi.d@paytm/payment/5566", Amount: 4100, Type: TransactionType.Debit),
        new("UPI/ZOMATO/zomato@hdfcbank/order/1234", Amount: 310, Type: TransactionType.Debit),
        new("POS 4591XXXXXXXX2222 DMART BANGALORE", Amount: 1500, Type: TransactionType.Debit),
        new("UPI/SWIGGY/swiggy@icici/order/42", Amount: 250, Type: TransactionType.Debit),
    ];

    [Fact]
    public void Merged_rows_train_the_same_model_as_one_row_per_example()
    {
        var perExample = UserModelTrainer.Train(History, Base, "a", UserModelTrainingSettings.RowPerExample);
        var merged = UserModelTrainer.Train(History, Base, "b", UserModelTrainingSettings.Default);

        foreach (var input in Unseen)
        {
            var opinion = Base.Classify(input);
            var a = perExample.Classify(input, opinion);
            var b = merged.Classify(input, opinion);
            Assert.Equal(a?.Category, b?.Category);
            if (a is not null && b is not null) Assert.InRange(Math.Abs(a.Confidence - b.Confidence), 0, 0.01);
        }
    }

    [Fact]
    public void Identical_rows_become_one_weighted_row_in_first_seen_order()
    {
        var features = History.Select(e => UserModelFeatures.Build(e.Input, Base.Classify(e.Input))).ToList();

        var rows = WeightedRows.Merge(History, features);

        Assert.InRange(rows.Count, 5, History.Count / 3);
        Assert.Equal(History.Count, rows.Sum(r => r.Weight));
        Assert.Equal(History[0].Category, rows[0].Label);
        Assert.Equal(60, rows.Where(r => r.Label == Taxonomy.Rent).Sum(r => r.Weight)); // one payee, one amount: one row
        Assert.Single(rows, r => r.Label == Taxonomy.Rent);
    }

    [Fact]
    public void Training_with_merged_rows_is_reproducible()
    {
        var first = UserModelTrainer.Train(History, Base, "x");
        var second = UserModelTrainer.Train(History, Base, "x");

        // (The artifacts are zip files stamped with the time they were written, so they are compared by what they decide.)
        foreach (var input in Unseen.Concat(History.Select(e => e.Input)))
        {
            var opinion = Base.Classify(input);
            Assert.Equal(first.Classify(input, opinion), second.Classify(input, opinion), ResultComparer.Instance);
        }
    }

    /// <summary>Same decision and confidence (results carry lists, which records compare by reference).</summary>
    private sealed class ResultComparer : IEqualityComparer<ClassificationResult?>
    {
        public static readonly ResultComparer Instance = new();

        public bool Equals(ClassificationResult? x, ClassificationResult? y) =>
            (x, y) is (null, null) || (x is not null && y is not null && x.Category == y.Category && x.Confidence == y.Confidence
                && x.Alternatives.SequenceEqual(y.Alternatives));

        public int GetHashCode(ClassificationResult? obj) => obj?.Category.GetHashCode(StringComparison.Ordinal) ?? 0;
    }
}
