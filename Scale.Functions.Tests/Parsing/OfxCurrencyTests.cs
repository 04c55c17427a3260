using Scale.Domain.Ingestion.Parsing;
using Scale.Domain.Transactions;
using static Scale.Functions.Tests.Parsing.StatementTestData;

namespace Scale.Functions.Tests.Parsing;

/// <summary>Issue 16: rows carry the statement's CURDEF or the transaction's own CURRENCY, and a non-INR statement says so.</summary>
public class OfxCurrencyTests
{
    private static string Statement(string curdef, string amount = "-10.00") =>
        $"OFXHEADER:100\n\n<OFX><STMTRS><CURDEF>{curdef}<BANKACCTFROM><ACCTID>1</BANKACCTFROM><BANKTRANLIST>\n" +
        $"<STMTTRN><DTPOSTED>20240401<TRNAMT>{amount}<FITID>A1<NAME>TEST</STMTTRN>\n</BANKTRANLIST></STMTRS></OFX>\n";

    [Fact]
    public void A_transaction_in_its_own_currency_keeps_it_and_a_converted_one_keeps_the_statements()
    {
        using var reader = OpenFile("ofx_v1_currencies.ofx");
        var rows = reader.ReadRows().ToList();
        Assert.Equal(
        [
            new ExpectedRow("2024-03-02", "12.40", TransactionType.Debit, "NYC DELI", "FX1"),
            new ExpectedRow("2024-03-03", "30.00", TransactionType.Debit, "SYDNEY FERRIES", "FX2"),
            new ExpectedRow("2024-03-04", "21.60", TransactionType.Debit, "PARIS METRO", "FX3"),
        ], rows.Select(Flatten).ToArray());
        // ORIGCURRENCY only records what the amount was converted from; the amount is in CURDEF.
        Assert.Equal(["USD", "AUD", "USD"], rows.Select(r => r.Draft.Currency).ToArray());
        Assert.Contains(reader.Warnings, w => w.Contains("The statement is in USD, not INR", StringComparison.Ordinal));
        Assert.Contains(reader.Warnings, w => w.Contains("is in AUD (its own CURRENCY)", StringComparison.Ordinal));
        Assert.Equal("EUR", rows[2].Draft.Raw!["ORIGCURRENCY.CURSYM"]!.GetValue<string>());
    }

    [Fact]
    public void An_empty_curdef_is_taken_as_inr_and_says_so()
    {
        using var reader = OpenText(Statement(""), "empty-curdef.ofx");
        Assert.Equal("INR", Assert.Single(reader.ReadRows()).Draft.Currency);
        Assert.Contains(reader.Warnings, w => w.Contains("CURDEF is missing or empty", StringComparison.Ordinal));
    }

    [Fact]
    public void A_curdef_that_is_not_a_currency_code_is_malformed_not_rupees()
    {
        // "US DOLLAR" used to become INR silently.
        var error = Fails(() => OpenText(Statement("US DOLLAR"), "bad-curdef.ofx"));
        Assert.Equal(StatementError.Malformed, error.Error);
        Assert.Contains("US DOLLAR", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_inr_statement_has_no_currency_warning()
    {
        using var reader = OpenText(Statement("INR"), "inr.ofx");
        Assert.Equal("INR", Assert.Single(reader.ReadRows()).Draft.Currency);
        Assert.Empty(reader.Warnings);
    }

    [Theory]
    // One rule for every format (README "Cells"): fractions of a paisa fail the file, as CSV does; nothing is
    // rounded, so no precision is ever dropped silently. Trailing zeros lose nothing and are read.
    [InlineData("115.8331")]
    [InlineData("-0.0000000000000001")]
    public void Sub_paisa_amounts_are_refused_not_rounded(string amount)
    {
        var error = Fails(() => OpenText(Statement("INR", amount), "precision.ofx"));
        Assert.Equal(StatementError.Malformed, error.Error);
        Assert.Contains(amount, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Trailing_zero_decimals_are_read_as_paise()
    {
        using var reader = OpenText(Statement("INR", "-10.5000"), "zeros.ofx");
        var row = Assert.Single(reader.ReadRows());
        Assert.Equal("10.50", row.Draft.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
