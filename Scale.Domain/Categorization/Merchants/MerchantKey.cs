namespace Scale.Domain.Categorization;

/// <summary>
/// One merchant's identity across spellings: the brand the lexicon knows it by ("BUNDL TECHNOLOGIES", "SWIGGY" and
/// "Swiggy" are all "swiggy"), else the name as printed, in lower case with single spaces between letter and digit
/// runs. A user's category rule for a merchant (<see cref="NarrationKey"/>) and their display-name override
/// (<see cref="UserMerchantBook"/>) are both stored under it, so a correction made on a row whose merchant SCALE
/// shows as the brand applies to the next row whose narration prints the legal entity, and the other way round.
/// </summary>
public static class MerchantKey
{
    /// <summary>The key of a merchant name; empty for a name without letters or digits.</summary>
    public static string Of(string merchant)
    {
        ArgumentNullException.ThrowIfNull(merchant);
        return Of(merchant, Normalize(merchant));
    }

    /// <summary>
    /// <see cref="Of(string)"/> for a caller that already has the name's <see cref="Normalize"/>d form. A person's
    /// honorific is not part of who they are: one bank prints "MR RAJESH KUMAR", the next "RAJESH KUMAR", and a
    /// correction must follow the person; a name that is only an honorific ("MR") has no key, so no rule learned from
    /// it can match every "MR …" payment.
    /// </summary>
    internal static string Of(string merchant, string normalized) =>
        MerchantLexicon.Shipped.Resolve(merchant) is { } brand ? Normalize(brand) : WithoutHonorifics(normalized);

    private static string WithoutHonorifics(string normalized)
    {
        var start = 0;
        while (true)
        {
            var end = normalized.IndexOf(' ', start);
            var word = normalized.AsSpan(start, (end < 0 ? normalized.Length : end) - start);
            if (word.Length == 0 || !PersonHonorifics.Words.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word)) break;
            if (end < 0) return string.Empty;
            start = end + 1;
        }
        return start == 0 ? normalized : normalized[start..];
    }

    /// <summary>Lower case, letter and digit runs joined by single spaces ("Raju's Tea-Stall" → "raju s tea stall").</summary>
    public static string Normalize(string value)
    {
        var chars = value.ToLowerInvariant().Select(c => WordCharacters.IsWordChar(c) ? c : ' ').ToArray();
        return string.Join(' ', new string(chars).Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
