namespace Scale.Domain.Categorization;

/// <summary>
/// The stable key a user's rule "key → category" is stored under. Two narrations of the same payee produce the
/// same key even though their reference numbers, dates and remarks differ.
/// </summary>
public static class NarrationKey
{
    private const int MaxKeyTokens = 6;

    /// <summary>
    /// The <see cref="MerchantKey"/> of the explicit merchant if given, else of the counterparty the analyzer found,
    /// else the narration's words without numbers. Lower case, single spaces. Empty only for an empty/number-only
    /// description.
    /// </summary>
    public static string For(string description, string? merchant) => Keys(description, merchant).Key;

    /// <summary>
    /// <see cref="For"/>, and the key as rules were stored before merchants were keyed by brand: the merchant as
    /// printed. A rule saved under it ("bundl technologies") still matches; new rules are stored under Key ("swiggy").
    /// Both from one analysis of the narration.
    /// </summary>
    /// <param name="info">The narration's analysis when the caller has it (it is analyzed here otherwise).</param>
    public static (string Key, string Printed) Keys(string description, string? merchant, NarrationInfo? info = null)
    {
        ArgumentNullException.ThrowIfNull(description);
        var name = string.IsNullOrWhiteSpace(merchant) ? null : merchant;
        if (name is null)
        {
            info ??= NarrationAnalyzer.Analyze(description);
            name = info.Merchant;
            if (name is null)
            {
                var words = Words(info);
                return (words, words);
            }
        }
        var printed = MerchantKey.Normalize(name);
        var key = MerchantKey.Of(name, printed);
        // A name with no identity of its own (only an honorific): the narration's words, as for no name.
        return (key.Length > 0 ? key : Words(info ?? NarrationAnalyzer.Analyze(description)), printed);
    }

    private static string Words(NarrationInfo info) => string.Join(' ', info.Tokens.Take(MaxKeyTokens));
}
