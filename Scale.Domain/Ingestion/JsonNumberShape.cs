namespace Scale.Domain.Ingestion;

/// <summary>
/// The exact shape of a JSON number's text (RFC 8259 §6), read before any conversion rounds it: System.Decimal keeps
/// 28-29 significant digits and silently rounds the rest, so "1.00000000000000000000000000001" would pass as 1.00.
/// </summary>
/// <param name="IntegerDigits">Digits before the decimal point, leading zeros excluded (0 for |x| &lt; 1).</param>
/// <param name="FractionDigits">Digits after the point up to the last non-zero one: the decimals the value needs.</param>
/// <param name="Scale">Digits after the point as written, trailing zeros included (Postgres numeric's dscale).</param>
public readonly record struct JsonNumberShape(long IntegerDigits, long FractionDigits, long Scale)
{
    /// <summary>Postgres numeric (and so jsonb) holds at most 131072 digits before the point and 16383 after it;
    /// beyond that the whole statement fails with 22003 "value overflows numeric format".</summary>
    public const long MaxNumericIntegerDigits = 131_072;
    public const long MaxNumericScale = 16_383;

    public bool FitsPostgresNumeric => IntegerDigits <= MaxNumericIntegerDigits && Scale <= MaxNumericScale;

    /// <returns>False when the text is not a JSON number or its exponent does not fit a long.</returns>
    public static bool TryRead(ReadOnlySpan<char> text, out JsonNumberShape shape)
    {
        shape = default;
        var i = 0;
        if (i < text.Length && text[i] == '-') i++;
        var integerStart = i;
        while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
        var integer = text[integerStart..i];
        if (integer.IsEmpty) return false;
        ReadOnlySpan<char> fraction = [];
        if (i < text.Length && text[i] == '.')
        {
            var fractionStart = ++i;
            while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
            fraction = text[fractionStart..i];
            if (fraction.IsEmpty) return false;
        }
        long exponent = 0;
        if (i < text.Length && text[i] is 'e' or 'E')
        {
            if (!long.TryParse(text[(i + 1)..], System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out exponent)
                || exponent is > int.MaxValue or < int.MinValue) return false;
            i = text.Length;
        }
        if (i != text.Length) return false;

        // Positions in the digit string integer+fraction; the decimal point sits before index `point`.
        var point = integer.Length + exponent;
        var firstNonZero = IndexOfNonZero(integer, fraction, fromEnd: false);
        var lastNonZero = IndexOfNonZero(integer, fraction, fromEnd: true);
        var scale = Math.Max(0, fraction.Length - exponent);
        shape = firstNonZero < 0
            ? new JsonNumberShape(0, 0, scale)
            : new JsonNumberShape(Math.Max(0, point - firstNonZero), Math.Max(0, lastNonZero + 1 - point), scale);
        return true;
    }

    private static int IndexOfNonZero(ReadOnlySpan<char> integer, ReadOnlySpan<char> fraction, bool fromEnd)
    {
        var length = integer.Length + fraction.Length;
        for (var n = 0; n < length; n++)
        {
            var index = fromEnd ? length - 1 - n : n;
            var digit = index < integer.Length ? integer[index] : fraction[index - integer.Length];
            if (digit != '0') return index;
        }
        return -1;
    }
}
