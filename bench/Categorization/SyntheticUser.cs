using Scale.Domain.Categorization;
using Scale.Domain.Transactions;
using static Scale.Domain.Categorization.Taxonomy;

namespace Scale.Bench.Categorization;

/// <summary>A labelled transaction with its month index (0-based) in the user's history.</summary>
internal sealed record DatedExample(int Month, LabelledExample Example);

/// <summary>
/// Evaluation (b): one HDFC customer's year of statements, labelled the way this person labels things. It has
/// personal payees the corpus cannot know (landlord paid by IMPS with no "rent" remark, a maid, a kid's tutor,
/// the corner kirana) and idiosyncratic choices (the maid under Bills & Utilities, Uber under Travel, Decathlon
/// under Entertainment, Blinkit under Food & Dining). Later months add a few payees never seen before.
/// </summary>
internal static class SyntheticUser
{
    private sealed record Payee(string Name, string Category, string Rail, TransactionType Type, double Min, double Max,
        int PerMonth, int FromMonth = 0, bool Person = false, string Remark = "PAYMENT");

    private static readonly Payee[] Payees =
    [
        new("ZENITH ANALYTICS PVT LTD", Salary, "neft", TransactionType.Credit, 145000, 152000, 1, Remark: "SALARY"),
        new("SURESH NAIK", Rent, "imps", TransactionType.Debit, 32000, 32000, 1, Person: true, Remark: "NA"),
        new("LAKSHMI DEVI", BillsAndUtilities, "upi", TransactionType.Debit, 1500, 3000, 4, Person: true, Remark: "SALARY"),
        new("ANITA SHARMA", Education, "upi", TransactionType.Debit, 4000, 4000, 1, Person: true, Remark: "TUITION"),
        new("IRONFIT GYM", Health, "upi", TransactionType.Debit, 2500, 2500, 1),
        new("SRI BALAJI PROVISIONS", Groceries, "upi", TransactionType.Debit, 120, 2200, 6),
        new("NANDINI MILK PARLOUR", Groceries, "upi", TransactionType.Debit, 30, 120, 8),
        new("SWIGGY", FoodAndDining, "upi", TransactionType.Debit, 150, 900, 5),
        new("ZOMATO", FoodAndDining, "upi", TransactionType.Debit, 180, 1100, 3),
        new("BLINKIT", FoodAndDining, "upi", TransactionType.Debit, 90, 700, 3),
        new("AMAZON", Shopping, "pos", TransactionType.Debit, 300, 6000, 2),
        new("DECATHLON", Entertainment, "pos", TransactionType.Debit, 600, 5000, 1),
        new("UBER", Travel, "upi", TransactionType.Debit, 120, 700, 4),
        new("HDFC MUTUAL FUND", Investments, "ach", TransactionType.Debit, 10000, 10000, 1, Remark: "SIP"),
        new("BAJAJ FINANCE", EmiAndLoans, "ach", TransactionType.Debit, 6800, 6800, 1),
        new("BESCOM", BillsAndUtilities, "bbps", TransactionType.Debit, 900, 2600, 1),
        new("AIRTEL PREPAID", BillsAndUtilities, "bbps", TransactionType.Debit, 299, 299, 1),
        new("ROHIT VERMA", Transfers, "upi", TransactionType.Debit, 200, 3000, 1, Person: true, Remark: "DINNER"),
        new("KARTHIK R", Transfers, "upi", TransactionType.Credit, 200, 2500, 1, Person: true, Remark: "SHARE"),
        new("RAMESH IYER", Transfers, "neft", TransactionType.Debit, 15000, 15000, 1, Person: true, Remark: "HOME"),
        new("SHELL INDIA", Fuel, "pos", TransactionType.Debit, 1500, 3000, 2),
        new("SRI GANESH FUELS", Fuel, "upi", TransactionType.Debit, 500, 2000, 1),
        new("ATM", CashWithdrawal, "atm", TransactionType.Debit, 2000, 5000, 1),
        new("PVR CINEMAS", Entertainment, "upi", TransactionType.Debit, 400, 1200, 1, FromMonth: 8),
        new("APOLLO PHARMACY", Health, "pos", TransactionType.Debit, 200, 1500, 1, FromMonth: 9),
        new("NEHA GUPTA", Transfers, "upi", TransactionType.Credit, 500, 1500, 1, FromMonth: 9, Person: true, Remark: "TRIP"),
    ];

    public const int Months = 12;
    public const int HistoryMonths = 8;

    public static List<DatedExample> Generate(int seed)
    {
        var r = new Random(seed);
        var result = new List<DatedExample>();
        for (var month = 0; month < Months; month++)
        {
            foreach (var p in Payees)
            {
                if (month < p.FromMonth) continue;
                for (var i = 0; i < p.PerMonth; i++)
                {
                    var amount = CorpusGenerator.Amount(r, p.Min, p.Max);
                    if (p.Rail == "atm") amount = Math.Round(amount / 500m) * 500m;
                    var input = new ClassificationInput(Narration(r, p), null, amount, p.Type);
                    result.Add(new DatedExample(month, new LabelledExample(input, p.Category)));
                }
            }
            if (month % 3 == 2)
                result.Add(new DatedExample(month, new LabelledExample(
                    new ClassificationInput("CREDIT INTEREST CAPITALISED", null, CorpusGenerator.Amount(r, 300, 900),
                        TransactionType.Credit), Interest)));
        }
        return result;
    }

    /// <summary>HDFC layouts only: one person banks with one bank.</summary>
    private static string Narration(Random r, Payee p)
    {
        var party = p.Person ? Party.Person(r, p.Name) : Party.Merchant(r, p.Name);
        var rrn = Noise.Rrn(r);
        var credit = p.Type == TransactionType.Credit;
        return p.Rail switch
        {
            "upi" => $"UPI-{p.Name}-{party.Vpa}-{Noise.Ifsc(r)}-{rrn}-{p.Remark}",
            "imps" => $"IMPS-{rrn}-{p.Name}-{Noise.Bank4Code(r)}-XXXXXXXX{Noise.Last4(r)}-{p.Remark}",
            "neft" => credit ? $"NEFT CR-{Noise.Ifsc(r)}-{p.Name}-{p.Remark}-{Noise.Utr(r)}"
                : $"NEFT DR-{Noise.Ifsc(r)}-{p.Name}-NETBANK, MUM-{Noise.Utr(r)}-{p.Remark}",
            "ach" => $"ACH D- {p.Name}-{Noise.Bank4Code(r)}{Noise.Digits(r, 14)}",
            "bbps" => $"IB BILLPAY DR-HDFC{Noise.Digits(r, 4)}-{p.Name}",
            "pos" => $"POS {Noise.CardMask(r)} {p.Name} POS DEBIT",
            _ => $"ATW-{Noise.CardMask(r)}-{Noise.AtmId(r)}-BANGALORE",
        };
    }
}
