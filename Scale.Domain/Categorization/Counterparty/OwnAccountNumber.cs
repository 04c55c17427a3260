namespace Scale.Domain.Categorization;

/// <summary>
/// Whether a narration shows one of the user's own account numbers: the full number (NEFT/IMPS to own account at
/// another bank print it), or its last four digits behind a mask ("XXXXXXXX1234", "XX 1234", "*1234"). A bare
/// four-digit run is not enough (it is as likely an MCC, a year or part of a reference).
/// </summary>
internal static class OwnAccountNumber
{
    public static bool Appears(string narration, string accountNumber)
    {
        var digits = new string(accountNumber.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length < 4) return false;
        if (digits.Length >= 9 && ContainsDigitRun(narration, digits)) return true;
        var last4 = digits[^4..];
        for (var i = narration.IndexOf(last4, StringComparison.Ordinal); i >= 0; i = narration.IndexOf(last4, i + 1, StringComparison.Ordinal))
        {
            var end = i + 4;
            if (end < narration.Length && char.IsAsciiDigit(narration[end])) continue;
            var j = i - 1;
            if (j >= 0 && narration[j] == ' ') j--;
            var masks = 0;
            while (j >= 0 && narration[j] is 'X' or 'x' or '*') { masks++; j--; }
            if (masks >= 2) return true;
        }
        return false;
    }

    private static bool ContainsDigitRun(string narration, string digits)
    {
        for (var i = narration.IndexOf(digits, StringComparison.Ordinal); i >= 0; i = narration.IndexOf(digits, i + 1, StringComparison.Ordinal))
        {
            var before = i == 0 || !char.IsAsciiDigit(narration[i - 1]);
            var after = i + digits.Length == narration.Length || !char.IsAsciiDigit(narration[i + digits.Length]);
            if (before && after) return true;
        }
        return false;
    }
}
