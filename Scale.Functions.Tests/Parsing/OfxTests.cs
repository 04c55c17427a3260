using Scale.Domain.Ingestion.Parsing;
using Scale.Domain.Transactions;
using static Scale.Functions.Tests.Parsing.StatementTestData;

namespace Scale.Functions.Tests.Parsing;

public class OfxTests
{
    [Fact]
    public void Sgml_ofx_v1_yields_exact_rows_with_sign_as_type_and_fitid_as_reference()
    {
        using var reader = OpenFile("ofx_v1_sgml.ofx");
        Assert.Equal("OFX", reader.Bank);
        Assert.Equal("ofx", reader.Format);
        var rows = reader.ReadRows().ToList();

        Assert.Equal(
        [
            new ExpectedRow("2024-04-01", "450.00", TransactionType.Debit, "UPI-SWIGGY UPI-SWIGGY-SWIGGY@ICICI-PAYMENT", "409112345678"),
            new ExpectedRow("2024-04-02", "85000.00", TransactionType.Credit, "ACME TECHNOLOGIES SALARY", "CITIN24123456789"),
            new ExpectedRow("2024-04-15", "312.50", TransactionType.Debit, "ZOMATO & CO"),
        ], rows.Select(Flatten).ToArray());
        Assert.All(rows, r => Assert.Equal("INR", r.Draft.Currency));
        Assert.All(rows, r => Assert.Null(r.Draft.Merchant));
        Assert.Equal("DEBIT", rows[0].Draft.Raw!["TRNTYPE"]!.GetValue<string>());
        Assert.Equal(22, rows[0].LineNumber);
    }

    [Fact]
    public void Xml_ofx_v2_takes_currency_from_curdef_and_merchant_only_from_payee_aggregate()
    {
        using var reader = OpenFile("ofx_v2_xml.qfx");
        var rows = reader.ReadRows().ToList();

        Assert.Equal(
        [
            new ExpectedRow("2024-03-05", "42.10", TransactionType.Debit, "Whole Foods Market Groceries", "FIT-1"),
            new ExpectedRow("2024-03-15", "2500.00", TransactionType.Credit, "PAYROLL", "FIT-2"),
        ], rows.Select(Flatten).ToArray());
        Assert.Equal(["USD", "USD"], rows.Select(r => r.Draft.Currency).ToArray());
        Assert.Equal("Whole Foods Market", rows[0].Draft.Merchant);
        Assert.Null(rows[1].Draft.Merchant);
    }

    [Fact]
    public void Bank_hint_does_not_stop_an_ofx_file_from_being_read_as_ofx()
    {
        using var reader = OpenFile("ofx_v1_sgml.ofx", new StatementParseOptions(BankHint: "hdfc"));
        Assert.Equal("OFX", reader.Bank);
        Assert.Equal(3, reader.ReadRows().Count());
    }

    [Fact]
    public void Ofx_hint_on_a_csv_is_unknown_layout()
    {
        var error = Fails(() => OpenFile("hdfc_statement.csv", new StatementParseOptions(BankHint: "OFX")));
        Assert.Equal(StatementError.UnknownLayout, error.Error);
    }

    [Fact]
    public void Windows_1252_sgml_ofx_is_decoded_by_its_charset()
    {
        var text = "OFXHEADER:100\nDATA:OFXSGML\nCHARSET:1252\n\n<OFX><STMTRS><CURDEF>INR<BANKTRANLIST>\n" +
                   "<STMTTRN><DTPOSTED>20240301<TRNAMT>-99.00<FITID>A1<NAME>Caf\u00e9 Coffee Day</STMTTRN>\n</BANKTRANLIST></STMTRS></OFX>\n";
        var bytes = System.Text.Encoding.Latin1.GetBytes(text);
        using var reader = OpenBytes(bytes, "cp1252.ofx");

        Assert.Equal(new ExpectedRow("2024-03-01", "99.00", TransactionType.Debit, "Caf\u00e9 Coffee Day", "A1"), Flatten(Assert.Single(reader.ReadRows())));
    }

    [Fact]
    public void Ofx_transaction_with_bad_date_is_malformed_with_line()
    {
        const string ofx = "OFXHEADER:100\n\n<OFX>\n<STMTTRN>\n<DTPOSTED>2024XX01\n<TRNAMT>-1.00\n</STMTTRN>\n</OFX>\n";
        var error = Fails(() => OpenText(ofx, "bad.ofx"));

        Assert.Equal(StatementError.Malformed, error.Error);
        Assert.Equal(4, error.LineNumber);
        Assert.Contains("2024XX01", error.Message, StringComparison.Ordinal);
    }

    private static string OneTransaction(string posted, string amount) =>
        "OFXHEADER:100\n\n<OFX><STMTRS><CURDEF>INR<BANKTRANLIST>\n" +
        $"<STMTTRN><DTPOSTED>{posted}<TRNAMT>{amount}<FITID>A1<NAME>TEST</STMTTRN>\n</BANKTRANLIST></STMTRS></OFX>\n";

    [Fact]
    public void Ofx_amount_with_three_decimals_is_malformed_like_csv_not_rounded()
    {
        // Issue 14: TRNAMT -10.005 was rounded to 10.01 where the CSV reader rejects three decimals.
        var error = Fails(() => OpenText(OneTransaction("20240401", "-10.005"), "three.ofx"));
        Assert.Equal(StatementError.Malformed, error.Error);
        Assert.Contains("-10.005", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    // Issue 14: DTPOSTED[..8] ignored the offset, so a UTC stamp landed on the previous India date.
    [InlineData("20240331183000.000[0:GMT]", "2024-04-01")]
    [InlineData("20240331182959[0:GMT]", "2024-03-31")]
    [InlineData("20240331140000[-5:EST]", "2024-04-01")]
    [InlineData("20240401003000[+5.30:IST]", "2024-04-01")]
    [InlineData("20240401120000", "2024-04-01")]
    [InlineData("20240401", "2024-04-01")]
    public void Ofx_posted_time_with_an_offset_is_taken_in_india_time(string posted, string iso)
    {
        using var reader = OpenText(OneTransaction(posted, "-10.00"), "tz.ofx");
        Assert.Equal(iso, Flatten(Assert.Single(reader.ReadRows())).Date);
    }
}
