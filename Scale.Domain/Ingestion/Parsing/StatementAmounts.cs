using System.Globalization;

namespace Scale.Domain.Ingestion.Parsing;

/// <summary>A parsed money cell: absolute value plus the direction the cell itself declared, if any.</summary>
internal readonly record struct AmountCell(decimal Value, bool? IsDebit);

/// <summary>
/// Money as Indian statements print it: "₹ 1,23,456.78", "Rs. 500", "INR 12.00", "1,200.00 Dr", "(500.00)",
/// "-42.5". Grouping commas are dropped wherever they are, which covers both lakh (1,23,456) and western
/// (123,456) grouping. Returns false for text that is not an amount so the caller can name the bad cell.
/// </summary>
internal static class StatementAmounts
{
    private static readonly string[] Prefixes = ["₹", "Rs.", "Rs", "INR", "Rs ."];

    public static bool TryParse(string text, out AmountCell amount)
    {
        amount = default;
        var s = text.Trim();
        if (s.Length == 0 || s == "-") { amount = new AmountCell(0m, null); return true; }
        if (s.Length > 64) return false;

        bool? isDebit = null;
        if (EndsWithMarker(ref s, "Dr")) isDebit = true;
        else if (EndsWithMarker(ref s, "Cr")) isDebit = false;

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

        s = s.Replace(",", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        if (s.Length == 0 || !decimal.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            return false;
        // Statements never carry fractions of a paisa; more decimals means we are misreading the column.
        if (decimal.Round(value, 2) != value) return false;
        value = decimal.Round(value, 2);
        if (negative && isDebit is null && value != 0m) isDebit = true;
        amount = new AmountCell(value, isDebit);
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
