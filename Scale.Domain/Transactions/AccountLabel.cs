using System.Text;
using System.Text.RegularExpressions;

namespace Scale.Domain.Transactions;

/// <summary>
/// Which of the user's accounts a transaction came from, as SCALE stores and shows it: the bank and the last four
/// digits of the number behind a mask ("HDFC XX6789"), never the full account number (it is not needed to tell a
/// user's accounts apart, and a stored or logged full number is one more thing to leak). Statements give it from
/// their header (<see cref="FromNumber"/>); a JSON client may send any label, whose digit runs are masked the
/// same way (<see cref="Normalize"/>), so "HDFC 50100123456789" and an HDFC statement's header give one label.
/// Two accounts at one bank ending in the same four digits share a label (accepted: it is rare, and it only
/// makes a transfer between them unpairable, never a wrong pair across banks).
/// </summary>
public static partial class AccountLabel
{
    public const int MaxLength = 40;
    private const string Mask = "XX";

    /// <summary>"HDFC XX6789" from a bank ("GENERIC"/"OFX"/null: none) and an account number (digits, or already masked).</summary>
    public static string? FromNumber(string? bank, string number)
    {
        var digits = new string(number.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length < 4) return null;
        var masked = Mask + digits[^4..];
        return bank is null or "GENERIC" or "OFX" ? masked : $"{bank.ToUpperInvariant()} {masked}";
    }

    /// <summary>
    /// A client's label in stored form: upper case, single spaces, every run of 5 or more digits masked to its last
    /// four; null for blank. The caller rejects a result longer than <see cref="MaxLength"/>.
    /// </summary>
    public static string? Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var collapsed = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();
        return LongDigitRun().Replace(collapsed, m => Mask + m.Value[^4..]);
    }

    /// <summary>The four digits a label ends with ("HDFC XX6789" → "6789"), or null when it names no digits.</summary>
    public static string? LastDigits(string label)
    {
        var match = TrailingDigits().Match(label);
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex(@"\d{5,}")]
    private static partial Regex LongDigitRun();

    [GeneratedRegex(@"(?:^|[^0-9])(\d{4})$")]
    private static partial Regex TrailingDigits();
}
