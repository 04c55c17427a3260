using System.Globalization;
using System.Text;

namespace Scale.Domain.Anomalies;

/// <summary>
/// Amounts and dates in explanations as an Indian user reads them: ₹1,24,500 (lakh grouping), "12 Mar".
/// Hand-written rather than CultureInfo("en-IN") because the grouping must not depend on the host's ICU data
/// (invariant-globalization containers print 124,500).
/// </summary>
internal static class Money
{
    public static string Format(decimal amount, string currency)
    {
        var rounded = Math.Round(amount, amount >= 100 ? 0 : 2, MidpointRounding.AwayFromZero);
        var text = rounded.ToString(rounded == Math.Floor(rounded) ? "0" : "0.00", CultureInfo.InvariantCulture);
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var whole = dot < 0 ? text : text[..dot];
        var grouped = currency == "INR" ? GroupIndian(whole) : GroupThousands(whole);
        var number = dot < 0 ? grouped : grouped + text[dot..];
        return currency == "INR" ? "₹" + number : currency + " " + number;
    }

    public static string Day(DateOnly date) => date.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public static string Times(double ratio) => ratio.ToString(ratio >= 10 ? "0" : "0.0", CultureInfo.InvariantCulture) + "×";

    private static string GroupIndian(string digits)
    {
        if (digits.Length <= 3) return digits;
        var head = digits[..^3];
        var sb = new StringBuilder();
        for (var i = 0; i < head.Length; i++)
        {
            if (i > 0 && (head.Length - i) % 2 == 0) sb.Append(',');
            sb.Append(head[i]);
        }
        return sb.Append(',').Append(digits[^3..]).ToString();
    }

    private static string GroupThousands(string digits) =>
        long.Parse(digits, CultureInfo.InvariantCulture).ToString("#,0", CultureInfo.InvariantCulture);
}
