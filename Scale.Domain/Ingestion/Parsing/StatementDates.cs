using System.Globalization;
using System.Text.RegularExpressions;

namespace Scale.Domain.Ingestion.Parsing;

/// <summary>
/// Dates as Indian banks print them. Day-first always: no Indian statement uses month-first, so "03/04/24" is
/// 3 April. yyyy-MM-dd is what Excel date cells and <see cref="StatementParser.DecryptToCsv"/> render to.
/// A time part ("01/04/2024 10:30 AM", "01-Apr-2024 10:30", "2024-03-31T18:30:00Z") is allowed in every style:
/// the row's date is the statement-local date, and only an explicit offset ("Z", "+00:00") is converted to
/// India time, where the account lives (18:30 UTC on 31 March is 1 April in India).
/// </summary>
internal static partial class StatementDates
{
    private static readonly TimeSpan IndiaOffset = TimeSpan.FromHours(5.5);

    private static readonly string[] Formats =
    [
        "d/M/yy", "d/M/yyyy", "d-M-yyyy", "d-M-yy", "d.M.yyyy", "d.M.yy",
        "d MMM yyyy", "d MMM yy", "d-MMM-yy", "d-MMM-yyyy", "d/MMM/yyyy", "d/MMM/yy", "d MMMM yyyy",
        // Axis card statements: "14 Sep '22".
        "d MMM \\'yy", "d-MMM-\\'yy",
        "yyyy-MM-dd", "yyyy/MM/dd",
    ];

    public static bool TryParse(string text, out DateOnly date)
    {
        date = default;
        var trimmed = text.Trim();
        if (trimmed.Length is 0 or > 40) return false;
        // "Sept" appears in some exports; .NET's invariant abbreviation is "Sep".
        trimmed = trimmed.Replace("Sept", "Sep", StringComparison.OrdinalIgnoreCase);
        // Most cells are a plain date: the exact formats first, the time-aware pattern only when they fail.
        if (DateTime.TryParseExact(trimmed, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var plain))
        {
            date = DateOnly.FromDateTime(plain);
            return true;
        }
        var match = DateAndTime().Match(trimmed);
        if (!match.Success) return false;
        if (!DateTime.TryParseExact(match.Groups["date"].Value, Formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AllowWhiteSpaces, out var day)) return false;
        if (!match.Groups["time"].Success)
        {
            date = DateOnly.FromDateTime(day);
            return true;
        }
        if (!TryReadTime(match, out var time)) return false;
        var local = day.Date + time;
        if (match.Groups["zone"].Success)
        {
            if (!TryReadOffset(match.Groups["zone"].Value, out var offset)) return false;
            local = new DateTimeOffset(local, offset).ToOffset(IndiaOffset).DateTime;
        }
        date = DateOnly.FromDateTime(local);
        return true;
    }

    private static bool TryReadTime(Match match, out TimeSpan time)
    {
        time = default;
        var hour = int.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture);
        var minute = int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture);
        var second = match.Groups["s"].Success ? int.Parse(match.Groups["s"].Value, CultureInfo.InvariantCulture) : 0;
        if (match.Groups["ampm"].Success)
        {
            if (hour is < 1 or > 12) return false;
            var pm = char.ToUpperInvariant(match.Groups["ampm"].Value[0]) == 'P';
            hour = hour % 12 + (pm ? 12 : 0);
        }
        if (hour > 23 || minute > 59 || second > 59) return false;
        time = new TimeSpan(hour, minute, second);
        return true;
    }

    private static bool TryReadOffset(string zone, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        if (zone is "Z" or "z" || zone.Equals("UTC", StringComparison.OrdinalIgnoreCase) || zone.Equals("GMT", StringComparison.OrdinalIgnoreCase))
            return true;
        if (zone.Equals("IST", StringComparison.OrdinalIgnoreCase)) { offset = IndiaOffset; return true; }
        var sign = zone[0] == '-' ? -1 : 1;
        var digits = zone[1..].Replace(":", "", StringComparison.Ordinal);
        if (digits.Length != 4) return false;
        var hours = int.Parse(digits[..2], CultureInfo.InvariantCulture);
        var minutes = int.Parse(digits[2..], CultureInfo.InvariantCulture);
        if (hours > 14 || minutes > 59) return false;
        offset = sign * new TimeSpan(hours, minutes, 0);
        return true;
    }

    /// <summary>
    /// True when the text has the shape of a date (digits and separators, optionally a time) even if it is not
    /// a real one, so "31/02/24" or "31/02/2024 25:00" is reported as a bad date rather than silently skipped
    /// like a "Total" row.
    /// </summary>
    public static bool LooksLikeDate(string text) => DateAndTime().IsMatch(text.Trim());

    // A date (numeric or with a month name, day first or ISO), then optionally a time after a space or 'T', with
    // fractional seconds, AM/PM and a zone.
    [GeneratedRegex(@"^(?<date>\d{1,4}(?:[-/.]|[ ]+)(?:\d{1,2}|[A-Za-z]{3,9})(?:[-/.]|[ ]+)'?\d{2,4})(?:(?:[ ]+|T)(?<time>(?<h>\d{1,2}):(?<m>\d{2})(?::(?<s>\d{2})(?:\.\d{1,7})?)?)(?:[ ]*(?<ampm>[AaPp]\.?[Mm]\.?))?(?:[ ]*(?<zone>Z|z|UTC|GMT|IST|[+-]\d{2}:?\d{2}))?)?$")]
    private static partial Regex DateAndTime();
}
