using System.Text;
using Scale.Domain.Ingestion.Parsing;
using Scale.Domain.Transactions;
using static Scale.Functions.Tests.Parsing.StatementTestData;

namespace Scale.Functions.Tests.Parsing;

/// <summary>Issue 16: an OFX file is decoded by what it declares (BOM, XML encoding, SGML ENCODING/CHARSET), and CDATA is text.</summary>
public class OfxEncodingTests
{
    /// <summary>A one-transaction SGML statement with the given header fields, its payee <paramref name="name"/>.</summary>
    private static string Sgml(string encoding, string charset, string name) =>
        $"OFXHEADER:100\nDATA:OFXSGML\nENCODING:{encoding}\nCHARSET:{charset}\n\n<OFX><STMTRS><CURDEF>INR<BANKTRANLIST>\n" +
        $"<STMTTRN><DTPOSTED>20240301<TRNAMT>-99.00<FITID>A1<NAME>{name}</STMTTRN>\n</BANKTRANLIST></STMTRS></OFX>\n";

    [Fact]
    public void Sgml_header_charset_iso_8859_1_is_honoured()
    {
        // Was 415 "not valid UTF-8 text": only the literal CHARSET:1252 was recognized.
        using var reader = OpenFile("ofx_v1_latin1.ofx");
        Assert.Equal(
        [
            new ExpectedRow("2024-03-04", "640.00", TransactionType.Debit, "Caf\u00e9 Cr\u00e8me Bandra", "L1-0304"),
            new ExpectedRow("2024-03-10", "1500.00", TransactionType.Credit, "Refund Zo\u00eb Na\u00efve D\u00e9cor", "L1-0310"),
        ], reader.ReadRows().Select(Flatten).ToArray());
    }

    [Theory]
    [InlineData("WINDOWS-1252")]
    [InlineData("CP1252")]
    [InlineData("8859-1")]
    public void Sgml_header_charset_spellings_are_windows_1252(string charset)
    {
        using var reader = OpenBytes(Encoding.GetEncoding(1252).GetBytes(Sgml("USASCII", charset, "Caf\u00e9 \u20ac5")), "charset.ofx");
        Assert.Equal("Caf\u00e9 \u20ac5", Assert.Single(reader.ReadRows()).Draft.Description);
    }

    [Fact]
    public void Sgml_header_encoding_utf8_wins_over_a_charset()
    {
        // ENCODING:UTF-8 with CHARSET:1252 was decoded as 1252: "CafÃ©".
        using var reader = OpenText(Sgml("UTF-8", "1252", "Caf\u00e9 Coffee Day"), "utf8.ofx");
        Assert.Equal("Caf\u00e9 Coffee Day", Assert.Single(reader.ReadRows()).Draft.Description);
    }

    [Fact]
    public void Xml_declaration_encoding_windows_1252_is_honoured()
    {
        using var reader = OpenFile("ofx_v2_windows1252.qfx");
        Assert.Equal(
        [
            new ExpectedRow("2024-03-05", "2150.00", TransactionType.Debit, "H\u00f4tel Cr\u00e8me Goa \u20ac120", "W1"),
            new ExpectedRow("2024-03-06", "99.00", TransactionType.Debit, "Caf\u00e9 & Bar", "W2"),
        ], reader.ReadRows().Select(Flatten).ToArray());
    }

    [Fact]
    public void Utf16_byte_order_mark_is_honoured()
    {
        // Was read as text (the OFX header was not seen through UTF-16) and refused as an unknown layout.
        using var reader = OpenFile("ofx_v2_utf16.ofx");
        Assert.Equal("ofx", reader.Format);
        Assert.Equal(new ExpectedRow("2024-03-07", "350.00", TransactionType.Debit, "Dosa Caf\u00e9 M\u00fcller", "U1"),
            Flatten(Assert.Single(reader.ReadRows())));
    }

    [Fact]
    public void Utf8_byte_order_mark_wins_over_a_1252_charset()
    {
        using var reader = OpenBytes([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Sgml("USASCII", "1252", "Caf\u00e9 Coffee Day"))], "bom.ofx");
        Assert.Equal("Caf\u00e9 Coffee Day", Assert.Single(reader.ReadRows()).Draft.Description);
    }

    [Fact]
    public void A_charset_that_cannot_be_decoded_is_415_naming_it()
    {
        var error = Fails(() => OpenText(Sgml("USASCII", "KLINGON-7", "X"), "klingon.ofx"));
        Assert.Equal(StatementError.UnsupportedContent, error.Error);
        Assert.Contains("KLINGON-7", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cdata_sections_are_read_as_text()
    {
        // Was an empty description, silently.
        using var reader = OpenFile("ofx_v1_cdata.ofx");
        Assert.Equal(
        [
            new ExpectedRow("2024-03-11", "2000.00", TransactionType.Debit, "EFTPOS WDL HANDYWAY ALDI STORE", "C1"),
            new ExpectedRow("2024-03-12", "45.50", TransactionType.Debit, "TEA & TOAST <BANDRA> Card xx1111", "C2"),
        ], reader.ReadRows().Select(Flatten).ToArray());
    }

    [Fact]
    public void An_unclosed_cdata_section_is_malformed()
    {
        const string ofx = "OFXHEADER:100\n\n<OFX><STMTTRN><DTPOSTED>20240301<TRNAMT>-1.00<NAME><![CDATA[NEVER ENDS\n";
        Assert.Equal(StatementError.Malformed, Fails(() => OpenText(ofx, "cdata.ofx")).Error);
    }
}
