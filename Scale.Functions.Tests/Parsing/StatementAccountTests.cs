using Scale.Domain.Transactions;
using static Scale.Functions.Tests.Parsing.StatementTestData;

namespace Scale.Functions.Tests.Parsing;

/// <summary>Issue 12 item 4: every row of a statement knows its account, masked, from the lines above the header.</summary>
public class StatementAccountTests
{
    [Theory]
    [InlineData("hdfc_statement.csv", "HDFC XX6789")]     // "Account No : 50100123456789 OTHER"
    [InlineData("hdfc_statement.xlsx", "HDFC XX6789")]    // the same account in the workbook export
    [InlineData("icici_statement.csv", "ICICI XX4567")]   // "Transactions List - RAHUL SHARMA (INR) - 000401234567"
    [InlineData("sbi_statement.tsv", "SBI XX6789")]       // "Account Number <tab> : <tab> 00000030123456789"
    [InlineData("axis_statement.csv", "AXIS XX5678")]     // "Statement of Account No - 918010012345678 for the period"
    [InlineData("kotak_statement.csv", "KOTAK XX7890")]   // "Account No. 1234567890"
    [InlineData("ofx_v1_sgml.ofx", "HDFC XX6789")]        // BANKACCTFROM: BANKID HDFC0000123 (an IFSC), ACCTID 50100123456789
    public void Rows_carry_the_masked_account_of_the_statement(string file, string account)
    {
        using var reader = OpenFile(file);
        var rows = reader.ReadRows().ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal(account, r.Draft.Account));
    }

    [Fact]
    public void A_statement_without_an_account_number_above_the_header_has_no_account()
    {
        using var reader = OpenText("Date,Description,Debit,Credit\n2024-04-01,UPI-SWIGGY,450.00,\n");
        Assert.All(reader.ReadRows(), r => Assert.Null(r.Draft.Account));
    }

    [Fact]
    public void A_masked_number_in_the_header_is_taken_as_printed()
    {
        using var reader = OpenText("HDFC BANK Ltd.\nA/c No: XXXXXXXX4321\nDate,Narration,Chq./Ref.No.,Value Dt,Withdrawal Amt.,Deposit Amt.,Closing Balance\n01/04/24,UPI-SWIGGY,0000409112345678,01/04/24,450.00,,\"1,24,550.00\"\n");
        Assert.Equal("HDFC XX4321", Assert.Single(reader.ReadRows()).Draft.Account);
    }

    [Theory]
    [InlineData("HDFC 50100123456789", "HDFC XX6789")]
    [InlineData("  icici   savings ", "ICICI SAVINGS")]
    [InlineData("hdfc xx6789", "HDFC XX6789")]
    [InlineData("Card 4111111111111111", "CARD XX1111")]
    [InlineData("   ", null)]
    public void A_clients_label_is_stored_with_long_numbers_masked(string given, string? stored) =>
        Assert.Equal(stored, AccountLabel.Normalize(given));

    private const string OfxHead = "OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\n\n<OFX><SIGNONMSGSRSV1><SONRS><STATUS><CODE>0<SEVERITY>INFO</STATUS>" +
                                   "<FI><ORG>Kotak Mahindra Bank<FID>1</FI></SONRS></SIGNONMSGSRSV1>";

    private static string OfxTxn(string fitId, string amount, string extra = "") =>
        $"<STMTTRN><TRNTYPE>OTHER<DTPOSTED>20240401<TRNAMT>{amount}<FITID>{fitId}<NAME>ROW {fitId}{extra}</STMTTRN>";

    [Fact]
    public void Each_ofx_statement_labels_its_own_rows_and_a_transfers_destination_account_is_not_taken_for_it()
    {
        var ofx = OfxHead +
                  "<BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>INR<BANKACCTFROM><BANKID>0<ACCTID>1234567890<ACCTTYPE>SAVINGS</BANKACCTFROM>" +
                  "<BANKTRANLIST>" + OfxTxn("A1", "-500.00", "<BANKACCTTO><BANKID>SBIN0001234<ACCTID>99998888777766</BANKACCTTO>") +
                  "</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1>" +
                  "<CREDITCARDMSGSRSV1><CCSTMTTRNRS><CCSTMTRS><CURDEF>INR<CCACCTFROM><ACCTID>4111111111114242</CCACCTFROM>" +
                  "<BANKTRANLIST>" + OfxTxn("C1", "-99.00") + "</BANKTRANLIST></CCSTMTRS></CCSTMTTRNRS></CREDITCARDMSGSRSV1></OFX>";
        using var reader = OpenText(ofx, "statement.ofx");
        var rows = reader.ReadRows().ToList();

        // No IFSC in BANKID, so the bank comes from the sign-on's FI ORG; the card's number is masked the same way.
        Assert.Equal(new string?[] { "KOTAK XX7890", "KOTAK XX4242" }, rows.Select(r => r.Draft.Account).ToArray());
        Assert.DoesNotContain(rows, r => r.Draft.Raw!.ToJsonString().Contains("1234567890", StringComparison.Ordinal));
    }

    [Fact]
    public void An_ofx_statement_without_an_account_aggregate_has_no_account()
    {
        var ofx = OfxHead + "<BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>INR<BANKTRANLIST>" + OfxTxn("A1", "-500.00") +
                  "</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>";
        using var reader = OpenText(ofx, "statement.ofx");
        Assert.Null(Assert.Single(reader.ReadRows()).Draft.Account);
    }
}
