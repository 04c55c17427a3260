using System.Text;

namespace Scale.Domain.Categorization;

/// <summary>
/// The one mapping from a category a source supplied (a statement's Category column, a JSON row's
/// <c>category</c>) to the taxonomy. Every import path calls it, so "groceries" from a file and "Groceries" from
/// the API are stored alike and a listing filter finds both. A taxonomy name (any case, "and" for "&amp;") or a known
/// alias maps to its canonical name; anything else maps to null: the row is left to the classifier, and the
/// original text stays in the row's raw data.
/// </summary>
public static class CategoryNormalizer
{
    // Aliases are the labels Indian banks, budgeting apps and their CSV exports commonly use. Keys are folded
    // (see Fold): lower case, "&" and "and" removed, punctuation and spaces dropped.
    private static readonly Dictionary<string, string> Aliases = BuildAliases(
        (Taxonomy.FoodAndDining, ["food", "dining", "restaurant", "restaurants", "eating out", "food delivery"]),
        (Taxonomy.Groceries, ["grocery", "supermarket"]),
        (Taxonomy.Shopping, ["shop", "online shopping", "apparel", "electronics"]),
        (Taxonomy.Transport, ["transportation", "commute", "cab", "taxi"]),
        (Taxonomy.Fuel, ["petrol", "diesel", "fuel charges"]),
        (Taxonomy.BillsAndUtilities, ["bills", "utilities", "utility", "bill payment", "recharge", "mobile recharge", "electricity"]),
        (Taxonomy.Rent, ["house rent", "rent payment"]),
        (Taxonomy.Entertainment, ["movies", "subscriptions", "ott"]),
        (Taxonomy.Health, ["medical", "healthcare", "pharmacy", "medicine", "hospital"]),
        (Taxonomy.Education, ["school fees", "tuition", "fees education"]),
        (Taxonomy.Travel, ["flights", "hotels", "holiday"]),
        (Taxonomy.Investments, ["investment", "mutual funds", "mutual fund", "sip", "stocks"]),
        (Taxonomy.EmiAndLoans, ["emi", "loan", "loans", "loan repayment", "emis"]),
        (Taxonomy.Insurance, ["insurance premium", "premium"]),
        (Taxonomy.Transfers, ["transfer", "self transfer", "fund transfer"]),
        (Taxonomy.CashWithdrawal, ["atm", "cash", "atm withdrawal", "withdrawal"]),
        (Taxonomy.FeesAndCharges, ["fees", "charges", "bank charges", "bank fees"]),
        (Taxonomy.Salary, ["salary credit", "payroll"]),
        (Taxonomy.Interest, ["interest earned", "interest credit"]),
        (Taxonomy.Refunds, ["refund", "reversal", "cashback"]),
        (Taxonomy.OtherIncome, ["income"]));

    /// <returns>The canonical taxonomy name, or null when the text names no category we know.</returns>
    public static string? Normalize(string? supplied)
    {
        if (string.IsNullOrWhiteSpace(supplied)) return null;
        if (Taxonomy.TryNormalize(supplied, out var exact)) return exact;
        return Aliases.TryGetValue(Fold(supplied), out var alias) ? alias : null;
    }

    private static Dictionary<string, string> BuildAliases(params (string Category, string[] Aliases)[] table)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        // The taxonomy names themselves, folded: "Food and Dining", "bills/utilities", "EMI-Loans".
        foreach (var name in Taxonomy.All) map[Fold(name)] = name;
        foreach (var (category, aliases) in table)
            foreach (var alias in aliases)
                if (!map.TryAdd(Fold(alias), category) && map[Fold(alias)] != category)
                    throw new InvalidOperationException($"Category alias '{alias}' is ambiguous.");
        return map;
    }

    private static string Fold(string text)
    {
        var lower = text.Trim().ToLowerInvariant().Replace("&", " ", StringComparison.Ordinal);
        var sb = new StringBuilder(lower.Length);
        foreach (var word in lower.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (word == "and") continue;
            foreach (var ch in word)
                if (char.IsLetterOrDigit(ch)) sb.Append(ch);
        }
        return sb.ToString();
    }
}
