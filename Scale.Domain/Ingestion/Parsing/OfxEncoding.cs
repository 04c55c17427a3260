using System.Text;
using System.Text.RegularExpressions;

namespace Scale.Domain.Ingestion.Parsing;

/// <summary>
/// Which encoding an OFX file's bytes are in, in the order its peers (and the specifications) decide it: a byte-order
/// mark; for OFX 2.x the XML declaration's <c>encoding</c> (UTF-8 when absent, as XML says); for OFX 1.x the SGML
/// header's <c>ENCODING</c> (<c>UTF-8</c> wins) and then <c>CHARSET</c> (<c>1252</c>, <c>ISO-8859-1</c>, a code page
/// number; <c>NONE</c> means plain ASCII, read as strict UTF-8 of which it is a subset).
/// </summary>
internal static partial class OfxEncoding
{
    /// <summary>The encoding of the file whose first bytes are <paramref name="prefix"/>; null means strict UTF-8.</summary>
    public static Encoding? Detect(ReadOnlySpan<byte> prefix, string fileName)
    {
        if (prefix.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return null;
        if (prefix.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return new UnicodeEncoding(false, true, true);
        if (prefix.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return new UnicodeEncoding(true, true, true);

        // Headers are ASCII in every declared encoding, so Latin-1 reads them whatever follows.
        var head = Encoding.Latin1.GetString(prefix[..Math.Min(prefix.Length, 4096)]);
        var xml = XmlDeclaration().Match(head);
        if (xml.Success)
            return xml.Groups["e"].Success ? FromName(xml.Groups["e"].Value, "encoding", fileName) : null;

        // The SGML header ends where the body starts (<OFX>); a CHARSET word in a payee must not count.
        var body = head.IndexOf('<');
        var header = body < 0 ? head : head[..body];
        var encoding = HeaderField("ENCODING").Match(header);
        if (encoding.Success && IsUtf8(encoding.Groups["v"].Value)) return null;
        var charset = HeaderField("CHARSET").Match(header);
        if (!charset.Success || charset.Groups["v"].Value.Equals("NONE", StringComparison.OrdinalIgnoreCase)) return null;
        return FromName(charset.Groups["v"].Value, "CHARSET", fileName);
    }

    private static Encoding? FromName(string name, string field, string fileName)
    {
        var value = name.Trim();
        if (IsUtf8(value)) return null;
        // Banks that say ISO-8859-1 write Windows-1252 (its superset: € and curly quotes in 0x80-0x9F), as browsers assume.
        if (value.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal)
                .ToUpperInvariant() is "ISO88591" or "88591" or "LATIN1" or "1252" or "CP1252" or "WINDOWS1252" or "USASCII" or "ASCII")
            return value.Contains("ASCII", StringComparison.OrdinalIgnoreCase) ? null : Encoding.GetEncoding(1252);
        try
        {
            return int.TryParse(value, out var codePage) ? Encoding.GetEncoding(codePage) : Encoding.GetEncoding(value);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            throw ContentSniffer.Unsupported(
                $"'{fileName}' declares {field} '{value}', a character set SCALE cannot read. Export the statement again (UTF-8 or Windows-1252) or as CSV.");
        }
    }

    private static bool IsUtf8(string value) =>
        value.Trim().Replace("-", "", StringComparison.Ordinal).ToUpperInvariant() is "UTF8" or "UNICODE";

    [GeneratedRegex("""^\s*<\?xml[^>]*?\bencoding\s*=\s*["'](?<e>[A-Za-z0-9._:-]{1,40})["']|^\s*<\?xml""", RegexOptions.IgnoreCase)]
    private static partial Regex XmlDeclaration();

    private static Regex HeaderField(string name) =>
        new($@"(?:^|[\r\n\s]){name}\s*:\s*(?<v>[A-Za-z0-9._-]{{1,40}})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
}
