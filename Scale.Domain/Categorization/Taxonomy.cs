namespace Scale.Domain.Categorization;

/// <summary>The default category taxonomy. Names are stable: the frontend shows them and stores them.</summary>
public static class Taxonomy
{
    public const string FoodAndDining = "Food & Dining";
    public const string Groceries = "Groceries";
    public const string Shopping = "Shopping";
    public const string Transport = "Transport";
    public const string Fuel = "Fuel";
    public const string BillsAndUtilities = "Bills & Utilities";
    public const string Rent = "Rent";
    public const string Entertainment = "Entertainment";
    public const string Health = "Health";
    public const string Education = "Education";
    public const string Travel = "Travel";
    public const string Investments = "Investments";
    public const string EmiAndLoans = "EMI & Loans";
    public const string Insurance = "Insurance";
    public const string Transfers = "Transfers";
    public const string CashWithdrawal = "Cash Withdrawal";
    public const string FeesAndCharges = "Fees & Charges";
    public const string Salary = "Salary";
    public const string Interest = "Interest";
    public const string Refunds = "Refunds";
    public const string OtherIncome = "Other Income";
    public const string Uncategorized = "Uncategorized";

    public static IReadOnlyList<string> All { get; } =
    [
        FoodAndDining, Groceries, Shopping, Transport, Fuel, BillsAndUtilities, Rent, Entertainment, Health,
        Education, Travel, Investments, EmiAndLoans, Insurance, Transfers, CashWithdrawal, FeesAndCharges, Salary,
        Interest, Refunds, OtherIncome, Uncategorized,
    ];

    private static readonly Dictionary<string, string> ByLowerName =
        All.ToDictionary(c => c.ToLowerInvariant(), c => c, StringComparer.Ordinal);

    /// <summary>Maps a user-supplied name to the canonical spelling; case-insensitive.</summary>
    public static bool TryNormalize(string? name, out string category)
    {
        category = string.Empty;
        if (string.IsNullOrWhiteSpace(name)) return false;
        if (!ByLowerName.TryGetValue(name.Trim().ToLowerInvariant(), out var found)) return false;
        category = found;
        return true;
    }
}
