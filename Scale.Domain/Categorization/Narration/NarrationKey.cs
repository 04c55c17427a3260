namespace Scale.Domain.Categorization;

/// <summary>
/// The stable key a user's rule "key → category" is stored under. Two narrations of the same payee produce the
/// same key even though their reference numbers, dates and remarks differ.
/// </summary>
public static class NarrationKey
{
    private const int MaxKeyTokens = 6;

    /// <summary>
    /// Explicit merchant if given, else the counterparty the analyzer found, else the narration's words without
    /// numbers. Lower case, single spaces. Empty only for an empty/number-only description.
    /// </summary>
    public static string For(string description, string? merchant)
    {
        ArgumentNullException.ThrowIfNull(description);
        if (!string.IsNullOrWhiteSpace(merchant)) return Normalize(merchant);
        var info = NarrationAnalyzer.Analyze(description);
        if (info.Merchant is not null) return Normalize(info.Merchant);
        return string.Join(' ', info.Tokens.Take(MaxKeyTokens));
    }

    private static string Normalize(string value)
    {
        var chars = value.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : ' ').ToArray();
        return string.Join(' ', new string(chars).Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
