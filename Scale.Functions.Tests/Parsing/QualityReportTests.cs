using Scale.Domain.Ingestion.Parsing;
using Scale.Domain.Transactions;
using static Scale.Functions.Tests.Parsing.StatementTestData;

namespace Scale.Functions.Tests.Parsing;

/// <summary>
/// The per-bank quality report of Scale.Domain/Ingestion/Parsing/README.md, one line per golden fixture: bank,
/// rows, debit and credit totals and the balance check. A change to any parser that moves a figure fails here.
/// </summary>
public class QualityReportTests
{
    [Theory]
    [InlineData("hdfc_statement.csv", "HDFC", 8, "38262.50", "85123.45", BalanceCheckStatuses.Verified)]
    [InlineData("hdfc_statement.xlsx", "HDFC", 8, "38262.50", "85123.45", BalanceCheckStatuses.Verified)]
    [InlineData("hdfc_statement.xls", "HDFC", 8, "38262.50", "85123.45", BalanceCheckStatuses.Verified)]
    [InlineData("hdfc_reversals.csv", "HDFC", 7, "9694.32", "94344.32", BalanceCheckStatuses.Verified)]
    [InlineData("hdfc_resaved_in_excel.csv", "HDFC", 4, "7195.32", "90000.00", BalanceCheckStatuses.Verified)]
    [InlineData("hdfc_card.csv", "HDFC", 5, "2400.00", "16299.00", BalanceCheckStatuses.NotAvailable)]
    [InlineData("icici_statement.csv", "ICICI", 6, "36684.56", "120412.00", BalanceCheckStatuses.Verified)]
    [InlineData("icici_statement.xlsx", "ICICI", 6, "36684.56", "120412.00", BalanceCheckStatuses.Verified)]
    [InlineData("icici_card.csv", "ICICI", 4, "1870.00", "12000.00", BalanceCheckStatuses.NotAvailable)]
    [InlineData("sbi_statement.tsv", "SBI", 5, "17345.00", "101021.00", BalanceCheckStatuses.Verified)]
    [InlineData("sbi_card.csv", "SBI", 4, "1641.00", "5012.50", BalanceCheckStatuses.NotAvailable)]
    [InlineData("axis_statement.csv", "AXIS", 5, "30386.00", "95650.00", BalanceCheckStatuses.Verified)]
    [InlineData("axis_corporate.csv", "AXIS", 4, "222344.00", "463197.44", BalanceCheckStatuses.Verified)]
    [InlineData("axis_card.csv", "AXIS", 5, "4066.60", "11299.00", BalanceCheckStatuses.NotAvailable)]
    [InlineData("kotak_statement.csv", "KOTAK", 5, "31481.00", "110512.00", BalanceCheckStatuses.Verified)]
    [InlineData("ofx_v1_sgml.ofx", "OFX", 3, "762.50", "85000.00", BalanceCheckStatuses.NotAvailable)]
    [InlineData("ofx_v2_xml.qfx", "OFX", 2, "42.10", "2500.00", BalanceCheckStatuses.NotAvailable)]
    [InlineData("ofx_v1_latin1.ofx", "OFX", 2, "640.00", "1500.00", BalanceCheckStatuses.NotAvailable)]
    [InlineData("ofx_v2_windows1252.qfx", "OFX", 2, "2249.00", "0", BalanceCheckStatuses.NotAvailable)]
    [InlineData("ofx_v2_utf16.ofx", "OFX", 1, "350.00", "0", BalanceCheckStatuses.NotAvailable)]
    [InlineData("ofx_v1_cdata.ofx", "OFX", 2, "2045.50", "0", BalanceCheckStatuses.NotAvailable)]
    [InlineData("ofx_v1_currencies.ofx", "OFX", 3, "64.00", "0", BalanceCheckStatuses.NotAvailable)]
    [InlineData("ofx_v2_investment_cash.qfx", "OFX", 2, "25.00", "5000.00", BalanceCheckStatuses.NotAvailable)]
    public void Golden_fixture_parses_exactly(string file, string bank, int rows, string debits, string credits, string balanceCheck)
    {
        using var reader = OpenFile(file);
        var read = reader.ReadRows().ToList();

        Assert.Equal(bank, reader.Bank);
        Assert.Equal(rows, read.Count);
        Assert.Equal(decimal.Parse(debits, System.Globalization.CultureInfo.InvariantCulture),
            read.Where(r => r.Draft.Type == TransactionType.Debit).Sum(r => r.Draft.Amount));
        Assert.Equal(decimal.Parse(credits, System.Globalization.CultureInfo.InvariantCulture),
            read.Where(r => r.Draft.Type == TransactionType.Credit).Sum(r => r.Draft.Amount));
        Assert.Equal(balanceCheck, reader.BalanceCheck!.Status);
    }
}
