using static Scale.Domain.Categorization.Taxonomy;

namespace Scale.Bench.Categorization;

/// <summary>ISO 18245 merchant category codes per category, as card and UPI networks assign them.</summary>
internal static class MerchantCategoryCodes
{
    private static readonly Dictionary<string, string[]> ByCategory = new(StringComparer.Ordinal)
    {
        [FoodAndDining] = ["5812", "5814", "5813", "5462"],
        [Groceries] = ["5411", "5499", "5451", "5422"],
        [Shopping] = ["5311", "5651", "5732", "5399", "5691", "5944", "5712"],
        [Transport] = ["4121", "4111", "4131", "7523", "4784"],
        [Fuel] = ["5541", "5542", "5983"],
        [BillsAndUtilities] = ["4900", "4814", "4899", "9311", "9399"],
        [Rent] = ["6513", "7011"],
        [Entertainment] = ["7832", "7922", "5815", "5816", "7996"],
        [Health] = ["5912", "8062", "8011", "8021", "8071", "7997"],
        [Education] = ["8220", "8299", "8211", "8241", "5942"],
        [Travel] = ["4511", "4722", "7011", "4112", "3000"],
        [Investments] = ["6211", "6051", "5094"],
        [EmiAndLoans] = ["6012", "6141", "6051"],
        [Insurance] = ["6300", "6381"],
        [Transfers] = ["0000", "6540", "6012"],
    };

    public static string? Pick(Random r, string category) =>
        ByCategory.TryGetValue(category, out var codes) ? Noise.Pick(r, codes) : null;
}
