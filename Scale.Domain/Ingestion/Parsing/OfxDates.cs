using System.Globalization;
using System.Text.RegularExpressions;

namespace Scale.Domain.Ingestion.Parsing;

/// <summary>
/// OFX date-times: <c>YYYYMMDD[HHMMSS[.XXX]][[offset[:TZ]]]</c>, e.g. <c>20240331183000.000[0:GMT]</c> or
/// <c>20240401[+5.30:IST]</c>. A stamp with a time and an explicit offset is converted to India time before the date
/// is taken (18:30 GMT on 31 March is 1 April in India); without an offset the date is the statement's own.
/// </summary>
internal static partial class OfxDates
{
    private static readonly TimeSpan IndiaOffset = TimeSpan.FromHours(5.5);

    public static bool TryParse(string text, out DateOnly date)
    {
        date = default;
        var match = Stamp().Match(text.Trim());
        if (!match.Success
            || !DateTime.TryParseExact(match.Groups["d"].Value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return false;
        var local = day;
        if (match.Groups["t"].Success)
        {
            var t = match.Groups["t"].Value;
            var hour = int.Parse(t[..2], CultureInfo.InvariantCulture);
            var minute = int.Parse(t[2..4], CultureInfo.InvariantCulture);
            var second = t.Length == 6 ? int.Parse(t[4..], CultureInfo.InvariantCulture) : 0;
            if (hour > 23 || minute > 59 || second > 59) return false;
            local = day + new TimeSpan(hour, minute, second);
        }
        if (match.Groups["o"].Success && match.Groups["t"].Success)
        {
            if (!TryOffset(match.Groups["o"].Value, out var offset)) return false;
            local = new DateTimeOffset(local, offset).ToOffset(IndiaOffset).DateTime;
        }
        date = DateOnly.FromDateTime(local);
        return true;
    }

    /// <summary>"0", "-5", "+5.30", "+05:30" (hours and minutes) or "5.5" (a fraction of an hour, one digit).</summary>
    private static bool TryOffset(string text, out TimeSpan offset)
    {
        offset = default;
        var sign = text.StartsWith('-') ? -1 : 1;
        var parts = text.TrimStart('+', '-').Split('.', ':');
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var hours) || hours > 14) return false;
        var minutes = 0;
        if (parts.Length == 2)
        {
            if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var part)) return false;
            minutes = parts[1].Length == 1 ? part * 6 : part;
            if (minutes > 59) return false;
        }
        offset = sign * new TimeSpan(hours, minutes, 0);
        return true;
    }

    [GeneratedRegex(@"^(?<d>\d{8})(?:(?<t>\d{4}(?:\d{2})?)(?:\.\d{1,3})?)?(?:\[(?<o>[+-]?\d{1,2}(?:[.:]\d{1,2})?)(?::[A-Za-z]{1,6})?\])?$")]
    private static partial Regex Stamp();
}
