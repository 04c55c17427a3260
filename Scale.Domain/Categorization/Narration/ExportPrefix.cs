using System.Text.RegularExpressions;

namespace Scale.Domain.Categorization;

/// <summary>
/// Banking and aggregator apps that export a statement as text put the account in front of every narration
/// ("FEDERAL BANK - XX 1234 UPIOUT/…", "KOTAK - XX5678 UPI/…"). That prefix names the user's own account, not the
/// counterparty, so it is removed before the narration is read: left in, it would look like a bank payee and its
/// digits like an account number the money went to.
/// </summary>
public static partial class ExportPrefix
{
    /// <summary>The narration without an app-export account prefix; unchanged when there is none.</summary>
    public static string Strip(string narration)
    {
        ArgumentNullException.ThrowIfNull(narration);
        var match = PrefixPattern().Match(narration);
        return match.Success ? narration[match.Length..] : narration;
    }

    // A bank's name (letters, '&', '.', spaces), " - ", a masked account ("XX 1234", "XXXX1234", "xx1234"), a space.
    [GeneratedRegex(@"^\s*[A-Za-z][A-Za-z&. ]{1,40}?\s+-\s+[Xx*]{2,}\s?\d{3,6}\s+")]
    private static partial Regex PrefixPattern();
}
