using Scale.Domain.Ingestion.Parsing;
using Scale.Domain.Transactions;
using static Scale.Functions.Tests.Parsing.StatementTestData;

namespace Scale.Functions.Tests.Parsing;

/// <summary>
/// Issue 16: an OFX response that is a server error, or an investment statement with nothing SCALE imports, used to
/// be "0 rows, no warning". Both now say what happened.
/// </summary>
public class OfxStatusAndInvestmentTests
{
    [Fact]
    public void A_failed_sign_on_is_an_institution_error_with_its_code_and_message()
    {
        var error = Fails(() => OpenFile("ofx_v1_signon_failed.ofx"));
        Assert.Equal(StatementError.InstitutionError, error.Error);
        Assert.Equal("15500", error.InstitutionCode);
        Assert.Equal("Signon invalid: user ID or password incorrect", error.InstitutionMessage);
        Assert.Contains("ACMEBANK", error.Message, StringComparison.Ordinal);
        Assert.Contains("sign-on", error.Message, StringComparison.Ordinal);
        Assert.Contains("15500", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_statement_request_error_is_an_institution_error_with_its_code_and_message()
    {
        var error = Fails(() => OpenFile("ofx_v2_statement_error.qfx"));
        Assert.Equal(StatementError.InstitutionError, error.Error);
        Assert.Equal("2000", error.InstitutionCode);
        Assert.Equal("General error: statement not available, try later", error.InstitutionMessage);
        Assert.Contains("2000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_error_status_after_rows_still_fails_the_whole_file()
    {
        // Two accounts in one response, the second refused: no partial statement.
        const string ofx = "OFXHEADER:100\n\n<OFX><BANKMSGSRSV1><STMTTRNRS><STATUS><CODE>0<SEVERITY>INFO</STATUS><STMTRS><CURDEF>INR<BANKTRANLIST>\n" +
                           "<STMTTRN><DTPOSTED>20240301<TRNAMT>-1.00<FITID>A1<NAME>OK</STMTTRN></BANKTRANLIST></STMTRS></STMTTRNRS>\n" +
                           "<STMTTRNRS><STATUS><CODE>2003<SEVERITY>ERROR<MESSAGE>Account not found</STATUS></STMTTRNRS></BANKMSGSRSV1></OFX>\n";
        var error = Fails(() => OpenText(ofx, "two.ofx"));
        Assert.Equal(StatementError.InstitutionError, error.Error);
        Assert.Equal("2003", error.InstitutionCode);
    }

    [Fact]
    public void A_warning_status_is_a_warning_and_the_rows_are_read()
    {
        const string ofx = "OFXHEADER:100\n\n<OFX><BANKMSGSRSV1><STMTTRNRS><STATUS><CODE>2023<SEVERITY>WARN<MESSAGE>Only 90 days returned</STATUS>" +
                           "<STMTRS><CURDEF>INR<BANKTRANLIST>\n<STMTTRN><DTPOSTED>20240301<TRNAMT>-1.00<FITID>A1<NAME>OK</STMTTRN>" +
                           "</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\n";
        using var reader = OpenText(ofx, "warn.ofx");
        Assert.Single(reader.ReadRows());
        Assert.Contains(reader.Warnings, w => w.Contains("2023", StringComparison.Ordinal) && w.Contains("Only 90 days returned", StringComparison.Ordinal));
    }

    [Fact]
    public void An_investment_only_statement_is_refused_naming_its_transactions()
    {
        var error = Fails(() => OpenFile("ofx_v2_investment_only.qfx"));
        Assert.Equal(StatementError.InvestmentOnly, error.Error);
        Assert.Contains("5 investment transaction(s) (3 BUYMF, 2 TRANSFER", error.Message, StringComparison.Ordinal);
        Assert.Contains("BUYMF FITID MF-0105", error.Message, StringComparison.Ordinal);
        Assert.Contains("TRANSFER FITID TR-0320", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_cash_leg_of_an_investment_statement_is_read_and_the_rest_named_in_a_warning()
    {
        using var reader = OpenFile("ofx_v2_investment_cash.qfx");
        Assert.Equal(
        [
            new ExpectedRow("2024-01-02", "5000.00", TransactionType.Credit, "NEFT FROM SAVINGS", "CASH-0102"),
            new ExpectedRow("2024-03-31", "25.00", TransactionType.Debit, "ACCOUNT FEE", "CASH-0331"),
        ], reader.ReadRows().Select(Flatten).ToArray());
        Assert.Contains(reader.Warnings, w => w.StartsWith("1 investment transaction(s) were not imported (1 BUYMF: BUYMF FITID MF-0105", StringComparison.Ordinal));
    }
}
