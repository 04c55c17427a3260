using System.Text.RegularExpressions;
using Scale.Domain.Transactions;

namespace Scale.Domain.Ingestion.Parsing;

/// <summary>
/// The account a statement belongs to, from the lines above its header: "Account No : 50100123456789" (HDFC),
/// "Account Number : 00000030123456789" (SBI, in separate cells), "Statement of Account No - 918010012345678"
/// (Axis), "Account No. 1234567890" (Kotak), "Transactions List - NAME (INR) - 000401234567" (ICICI), or a masked
/// "A/c No: XXXXXXXX6789". Only the masked label leaves this class (<see cref="AccountLabel"/>).
/// </summary>
internal static partial class StatementAccount
{
    public static string? Find(IEnumerable<TableRecord> preamble, string bank)
    {
        foreach (var record in preamble)
        {
            var line = string.Join(' ', record.Cells.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()));
            var match = Labelled().Match(line);
            if (!match.Success) match = IciciTitle().Match(line);
            if (match.Success) return AccountLabel.FromNumber(bank, match.Groups["n"].Value);
        }
        return null;
    }

    [GeneratedRegex(@"(?i)\b(?:account|a/c|acct)\.?\s*(?:no|number|num)\.?\s*[:\-]*\s*(?<n>[X*]{2,}\s?\d{4}|\d{9,18})(?![0-9])")]
    private static partial Regex Labelled();

    [GeneratedRegex(@"\([A-Z]{3}\)\s*-\s*(?<n>\d{9,18})(?![0-9])")]
    private static partial Regex IciciTitle();
}
