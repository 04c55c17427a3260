using System.Globalization;

namespace Scale.Domain.Ingestion.Parsing;

/// <summary>
/// A parsed money cell: absolute value, the direction the cell itself declared (a Dr/Cr marker, or a minus sign
/// read as money out), and whether it was written negative at all (a signed split column means a reversal).
/// </summary>
internal readonly record struct AmountCell(decimal Value, bool? IsDebit, bool Negative = false)
{
    /// <summary>True when a Dr/Cr (or D/C) marker, not only a sign, gave the direction.</summary>
    public bool HasMarker { get; init; }
}

/// <summary>
/// Money as Indian statements print it: "₹ 1,23,456.78", "Rs. 500", "INR 12.00", "1,200.00 Dr", "(500.00)",
/// "-42.5", "1,234.00 D" (card statements), "-,93,43,827.31" (Axis corporate overdrafts), "\t7,560.00". Grouping
/// commas are dropped wherever they are, which covers lakh (1,23,456), western (123,456) and the odd separator
/// left after a sign. Returns false for text that is not an amount so the caller can name the bad cell.
/// </summary>
internal static class StatementAmounts
{
    // Longest first: "Rs" must not be stripped from "Rs . 500", leaving ". 500" (read as 0.50).
    private static readonly string[] Prefixes = ["Rs .", "Rs.", "INR.", "INR", "Rs", "₹"];

    public static bool TryParse(string text, out AmountCell amount)
    {
        amount = default;
        var s = text.Trim();
        if (s.Length == 0 || s == "-") { amount = new AmountCell(0m, null); return true; }
        if (s.Length > 64) return false;

        bool? isDebit = null;
        if (EndsWithMarker(ref s, "Dr") || EndsWithLetterMarker(ref s, 'D')) isDebit = true;
        else if (EndsWithMarker(ref s, "Cr") || EndsWithLetterMarker(ref s, 'C')) isDebit = false;
        var hasMarker = isDebit is not null;

        var negative = false;
        if (s.StartsWith('(') && s.EndsWith(')')) { negative = true; s = s[1..^1].Trim(); }
        if (s.StartsWith('-')) { negative = !negative; s = s[1..].TrimStart(); }
        else if (s.StartsWith('+')) s = s[1..].TrimStart();
        foreach (var prefix in Prefixes)
        {
            if (s.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) { s = s[prefix.Length..].TrimStart(); break; }
        }
        // A sign may also follow the currency symbol ("₹-500").
        if (s.StartsWith('-')) { negative = !negative; s = s[1..].TrimStart(); }

        s = RemoveGroupingAndSpace(s);
        if (s.Length == 0 || !decimal.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            return false;
        // Statements never carry fractions of a paisa; more decimals means we are misreading the column.
        if (decimal.Round(value, 2) != value) return false;
        value = decimal.Round(value, 2);
        if (negative && isDebit is null && value != 0m) isDebit = true;
        amount = new AmountCell(value, isDebit, negative && value != 0m) { HasMarker = hasMarker };
        return true;
    }

    private static string RemoveGroupingAndSpace(string s)
    {
        var any = false;
        foreach (var ch in s) any |= ch == ',' || char.IsWhiteSpace(ch);
        if (!any) return s;
        Span<char> buffer = stackalloc char[s.Length];
        var n = 0;
        foreach (var ch in s)
        {
            if (ch != ',' && !char.IsWhiteSpace(ch)) buffer[n++] = ch;
        }
        return new string(buffer[..n]);
    }

    /// <summary>
    /// Card statements (SBI Card) write "1,234.00 D" / "500.00 C": a single letter after a space and a digit.
    /// The space is required so a hexadecimal-looking reference never loses a digit.
    /// </summary>
    private static bool EndsWithLetterMarker(ref string s, char marker)
    {
        var t = s.TrimEnd();
        if (t.Length < 3 || char.ToUpperInvariant(t[^1]) != marker || t[^2] != ' ') return false;
        var rest = t[..^1].TrimEnd();
        if (rest.Length == 0 || !char.IsDigit(rest[^1])) return false;
        s = rest;
        return true;
    }

    /// <summary>Strips a trailing "Dr"/"Cr" marker, also written "(Dr)" or "DR.".</summary>
    private static bool EndsWithMarker(ref string s, string marker)
    {
        var t = s.TrimEnd('.', ' ');
        if (t.EndsWith("(" + marker + ")", StringComparison.OrdinalIgnoreCase))
        {
            s = t[..^(marker.Length + 2)].TrimEnd();
            return true;
        }
        if (t.Length > marker.Length && t.EndsWith(marker, StringComparison.OrdinalIgnoreCase)
            && !char.IsLetter(t[^(marker.Length + 1)]))
        {
            s = t[..^marker.Length].TrimEnd();
            return true;
        }
        return false;
    }

    /// <summary>Reads a Dr/Cr style marker cell: "Dr", "DR", "Debit", "D", "Withdrawal" / "Cr", "Credit", "C", "Deposit".</summary>
    public static bool? ParseMarker(string text)
    {
        var t = text.Trim().TrimEnd('.').ToUpperInvariant();
        return t switch
        {
            "DR" or "D" or "DEBIT" or "WITHDRAWAL" or "DB" or "-" => true,
            "CR" or "C" or "CREDIT" or "DEPOSIT" or "+" => false,
            _ => null,
        };
    }
}
