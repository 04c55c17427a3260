using System.Globalization;
using System.Text.RegularExpressions;

namespace Scale.Domain.Ingestion.Parsing;

/// <summary>
/// Dates as Indian banks print them. Day-first always: no Indian statement uses month-first, so "03/04/24" is
/// 3 April. yyyy-MM-dd is what Excel date cells and <see cref="StatementParser.DecryptToCsv"/> render to.
/// </summary>
internal static partial class StatementDates
{
    private static readonly string[] Formats =
    [
        "d/M/yy", "d/M/yyyy", "d-M-yyyy", "d-M-yy", "d.M.yyyy", "d.M.yy",
        "d MMM yyyy", "d MMM yy", "d-MMM-yy", "d-MMM-yyyy", "d/MMM/yyyy", "d/MMM/yy", "d MMMM yyyy",
        "yyyy-MM-dd", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss",
        "d/M/yyyy HH:mm:ss", "d/M/yyyy HH:mm", "d-M-yyyy HH:mm:ss", "d/M/yy HH:mm",
    ];

    public static bool TryParse(string text, out DateOnly date)
    {
        date = default;
        var trimmed = text.Trim();
        if (trimmed.Length is 0 or > 32) return false;
        // "Sept" appears in some exports; .NET's invariant abbreviation is "Sep".
        trimmed = trimmed.Replace("Sept", "Sep", StringComparison.OrdinalIgnoreCase);
        if (!DateTime.TryParseExact(trimmed, Formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AllowWhiteSpaces, out var parsed)) return false;
        date = DateOnly.FromDateTime(parsed);
        return true;
    }

    /// <summary>
    /// True when the text has the shape of a date (digits and separators) even if it is not a real one, so
    /// "31/02/24" is reported as a bad date rather than silently skipped like a "Total" row.
    /// </summary>
    public static bool LooksLikeDate(string text) => DateShape().IsMatch(text.Trim());

    [GeneratedRegex(@"^\d{1,4}[-/. ]([0-9]{1,2}|[A-Za-z]{3,9})[-/. ]\d{2,4}$")]
    private static partial Regex DateShape();
}
