using Scale.Domain.Categorization;
using Scale.Domain.Transactions;
using static Scale.Domain.Categorization.Taxonomy;

namespace Scale.Functions.Tests.Categorization;

/// <summary>A few hundred seeded narrations: enough for a model that trains in milliseconds inside a test.</summary>
internal static class TinyCorpus
{
    private static readonly (string Merchant, string Category)[] Merchants =
    [
        ("SWIGGY", FoodAndDining), ("ZOMATO", FoodAndDining), ("BIGBASKET", Groceries), ("BLINKIT", Groceries),
        ("UBER", Transport), ("OLA CABS", Transport), ("NETFLIX", Entertainment), ("INDIAN OIL", Fuel),
        ("APOLLO PHARMACY", Health), ("ZERODHA", Investments),
    ];

    public static readonly TrainingOptions Options = new()
    {
        // A corpus this small needs little regularization to be confident about its ten merchants.
        ModelVersion = "tiny-test", HashBits = 14, L2 = 0.1f,
    };

    public static List<LabelledExample> Build(int seed, int perMerchant)
    {
        var r = new Random(seed);
        var result = new List<LabelledExample>();
        foreach (var (merchant, category) in Merchants)
        {
            for (var i = 0; i < perMerchant; i++)
                result.Add(new LabelledExample(new ClassificationInput(Narration(r, merchant), null, r.Next(50, 5000),
                    TransactionType.Debit), category));
        }
        for (var i = 0; i < perMerchant; i++)
        {
            result.Add(new LabelledExample(new ClassificationInput($"ATW-416021XXXXXX{r.Next(1000, 9999)}-S1ANMU{r.Next(10, 99)}-MUMBAI",
                null, 2000, TransactionType.Debit), CashWithdrawal));
            result.Add(new LabelledExample(new ClassificationInput(
                $"NEFT CR-HDFC0000001-ACME TECHNOLOGIES PVT LTD-SALARY-HDFCN5202403{r.Next(100000, 999999)}", null,
                r.Next(40000, 90000), TransactionType.Credit), Salary));
        }
        return result;
    }

    public static List<ClassificationInput> Inputs(int seed, int count)
    {
        var r = new Random(seed);
        return Enumerable.Range(0, count)
            .Select(_ => new ClassificationInput(Narration(r, Merchants[r.Next(Merchants.Length)].Merchant), null,
                r.Next(50, 5000), r.Next(2) == 0 ? TransactionType.Debit : null))
            .ToList();
    }

    public static string Narration(Random r, string merchant)
    {
        var rrn = r.NextInt64(100_000_000_000, 999_999_999_999);
        var vpa = merchant.ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal) + "@ybl";
        return r.Next(3) switch
        {
            0 => $"UPI/P2M/{rrn}/{merchant}/{vpa}/Payment",
            1 => $"POS 4591XXXXXXXX{r.Next(1000, 9999)} {merchant}",
            _ => $"UPI-{merchant}-{vpa}-YESB0YBLUPI-{rrn}-PAYMENT",
        };
    }

    /// <param name="seed">The corpus generator's seed (another seed, other narrations).</param>
    public static LinearTextClassifier Train(int seed = 1) =>
        LinearTextClassifierTrainer.Train(Build(seed, 30), Build(seed + 1, 5), Options);
}

/// <summary>One tiny model per test class: training takes milliseconds but there is no reason to repeat it.</summary>
public sealed class TinyModelFixture
{
    public LinearTextClassifier Model { get; } = TinyCorpus.Train();
}
