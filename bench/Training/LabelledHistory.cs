using System.Globalization;
using System.Text;

namespace Scale.Bench.Training;

/// <summary>
/// A synthetic labelled history in the generic CSV layout (Date, Description, Amount, Type, Category): merchants
/// per category in UPI, card (POS) and NEFT narrations, plus person-to-person payees this user files their own way
/// (a landlord as Rent, a tutor as Education, a maid as Bills & Utilities). Seeded: the same file every run.
/// </summary>
internal static class LabelledHistory
{
    private static readonly (string Category, string[] Payees)[] Merchants =
    [
        ("Food & Dining", ["ZOMATO", "SWIGGY", "DOMINOS PIZZA", "CAFE COFFEE DAY", "HALDIRAMS"]),
        ("Groceries", ["BIGBASKET", "DMART", "BLINKIT", "RELIANCE FRESH", "ZEPTO"]),
        ("Shopping", ["AMAZON", "FLIPKART", "MYNTRA", "AJIO", "NYKAA"]),
        ("Transport", ["UBER INDIA", "OLA CABS", "RAPIDO", "IRCTC", "DELHI METRO"]),
        ("Fuel", ["INDIAN OIL", "HP PETROL PUMP", "BHARAT PETROLEUM", "SHELL INDIA"]),
        ("Bills & Utilities", ["BESCOM", "AIRTEL", "JIO PREPAID", "TATA POWER", "ACT FIBERNET"]),
        ("Entertainment", ["NETFLIX", "BOOKMYSHOW", "SPOTIFY", "HOTSTAR"]),
        ("Health", ["APOLLO PHARMACY", "PHARMEASY", "1MG", "MEDPLUS"]),
    ];

    private static readonly (string Name, string Handle, string Category)[] People =
    [
        ("RAMESH KUMAR", "ramesh.kumar@okaxis", "Rent"),
        ("ANITA SHARMA", "anita.sharma@ybl", "Education"),
        ("LAKSHMI DEVI", "lakshmi.d@paytm", "Bills & Utilities"),
        ("SURESH PATEL", "suresh.p@okicici", "Transfers"),
    ];

    public static string Csv(int rows)
    {
        var random = new Random(8);
        var csv = new StringBuilder(rows * 90).Append("Date,Description,Amount,Type,Category\n");
        var start = new DateOnly(2023, 1, 1);
        for (var i = 0; i < rows; i++)
        {
            var date = start.AddDays(i * 1095 / rows);
            var reference = (400000000 + i).ToString(CultureInfo.InvariantCulture);
            string narration, category;
            decimal amount;
            if (random.Next(5) == 0)
            {
                var person = People[random.Next(People.Length)];
                narration = $"UPI/{person.Name}/{person.Handle}/{(random.Next(2) == 0 ? "payment" : "monthly")}/{reference}";
                category = person.Category;
                amount = random.Next(500, 25000);
            }
            else
            {
                var (merchantCategory, payees) = Merchants[random.Next(Merchants.Length)];
                var payee = payees[random.Next(payees.Length)];
                narration = random.Next(3) switch
                {
                    0 => $"UPI/{payee}/{payee.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant()}@hdfcbank/order/{reference}",
                    1 => $"POS 4591XXXXXXXX{random.Next(1000, 9999)} {payee} BANGALORE",
                    _ => $"{payee} {reference}",
                };
                category = merchantCategory;
                amount = Math.Round((decimal)(random.NextDouble() * 4000 + 50), 2);
            }
            csv.Append(date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)).Append(',').Append(narration).Append(',')
               .Append(amount.ToString("F2", CultureInfo.InvariantCulture)).Append(",Dr,\"").Append(category).Append("\"\n");
        }
        return csv.ToString();
    }
}
