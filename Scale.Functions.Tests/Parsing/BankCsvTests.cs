using Scale.Domain.Transactions;
using static Scale.Functions.Tests.Parsing.StatementTestData;

namespace Scale.Functions.Tests.Parsing;

public class BankCsvTests
{
    [Fact]
    public void Hdfc_csv_with_preamble_and_summary_footer_yields_exact_rows()
    {
        using var reader = OpenFile("hdfc_statement.csv");
        Assert.Equal("HDFC", reader.Bank);
        Assert.Equal("csv", reader.Format);
        var rows = reader.ReadRows().ToList();

        AssertRows(rows, Hdfc, debits: 38262.50m, credits: 85123.45m);
        Assert.Equal(14, rows[0].LineNumber);
        Assert.Contains(reader.Warnings, w => w.Contains("summary", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Hdfc_raw_keeps_every_column_as_it_appeared_including_balance_and_value_date()
    {
        using var reader = OpenFile("hdfc_statement.csv");
        var first = reader.ReadRows().First().Draft;

        Assert.NotNull(first.Raw);
        Assert.Equal(["Date", "Narration", "Chq./Ref.No.", "Value Dt", "Withdrawal Amt.", "Deposit Amt.", "Closing Balance"],
            first.Raw!.Select(p => p.Key).ToArray());
        Assert.Equal("1,24,550.00", first.Raw["Closing Balance"]!.GetValue<string>());
        Assert.Equal("01/04/24", first.Raw["Value Dt"]!.GetValue<string>());
        Assert.Equal("", first.Raw["Deposit Amt."]!.GetValue<string>());
        Assert.Null(first.Merchant);
        Assert.Null(first.PaymentMethod);
    }

    [Fact]
    public void Hdfc_narration_continued_on_next_line_is_joined_and_raw_keeps_both_lines()
    {
        using var reader = OpenFile("hdfc_statement.csv");
        var rent = reader.ReadRows().Single(r => r.Draft.Date == new DateOnly(2024, 4, 8)).Draft;

        Assert.Equal("IMPS-409812345678-RAVI KUMAR-HDFC-XXXXXXXX1234-RENT APRIL 2024 FLAT 12", rent.Description);
        Assert.Equal("IMPS-409812345678-RAVI KUMAR-HDFC-XXXXXXXX1234-RENT\nAPRIL 2024 FLAT 12", rent.Raw!["Narration"]!.GetValue<string>());
    }

    [Fact]
    public void Icici_csv_with_bom_mixed_date_styles_and_legend_yields_exact_rows()
    {
        using var reader = OpenFile("icici_statement.csv");
        Assert.Equal("ICICI", reader.Bank);
        var rows = reader.ReadRows().ToList();

        AssertRows(rows, Icici, debits: 36684.56m, credits: 120412.00m);
        Assert.Equal("03/04/2024", rows[1].Draft.Raw!["Value Date"]!.GetValue<string>());
    }

    [Fact]
    public void Sbi_tab_separated_with_day_month_name_dates_yields_exact_rows()
    {
        using var reader = OpenFile("sbi_statement.tsv");
        Assert.Equal("SBI", reader.Bank);
        var rows = reader.ReadRows().ToList();

        AssertRows(rows,
        [
            new("2024-04-01", "2345.00", TransactionType.Debit, "TO TRANSFER-UPI/DR/409112345678/BIGBASKET/YESB/bigbasket@ybl/Groceries", "TRANSFER TO 4897690162095"),
            new("2024-04-05", "100000.00", TransactionType.Credit, "BY TRANSFER-NEFT*CITI0000002*CITIN24123456789*ACME TECH", "TRANSFER FROM 3199412044304"),
            new("2024-04-10", "10000.00", TransactionType.Debit, "ATM WDL-ATM CASH 1234 ANDHERI EAST MUMBAI"),
            new("2024-04-18", "5000.00", TransactionType.Debit, "DEBIT-ACHDr SBIMF SIP 12345678", "ACH123456"),
            new("2024-04-30", "1021.00", TransactionType.Credit, "CREDIT INTEREST"),
        ], debits: 17345.00m, credits: 101021.00m);
    }

    [Fact]
    public void Axis_csv_skips_opening_total_and_closing_rows_with_warnings()
    {
        using var reader = OpenFile("axis_statement.csv");
        Assert.Equal("AXIS", reader.Bank);
        var rows = reader.ReadRows().ToList();

        AssertRows(rows,
        [
            new("2024-04-01", "187.00", TransactionType.Debit, "UPI/P2M/409112345678/UBER INDIA/Payment/YESB"),
            new("2024-04-03", "95000.00", TransactionType.Credit, "NEFT/CITIN24123456789/ACME TECHNOLOGIES/SALARY"),
            new("2024-04-07", "28000.00", TransactionType.Debit, "CLG/SHREE ESTATES/RENT APR", "000045"),
            new("2024-04-11", "2199.00", TransactionType.Debit, "ECOM PUR/AMAZON SELLER SERVICES/BANGALORE"),
            new("2024-04-20", "650.00", TransactionType.Credit, "UPI/P2A/409912345678/PRIYA S/REFUND DINNER"),
        ], debits: 30386.00m, credits: 95650.00m);
        Assert.Equal(4, reader.Warnings.Count);
        Assert.Contains("OPENING BALANCE", reader.Warnings[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Kotak_single_amount_with_dr_cr_marker_and_three_date_styles_yields_exact_rows()
    {
        using var reader = OpenFile("kotak_statement.csv");
        Assert.Equal("KOTAK", reader.Bank);
        var rows = reader.ReadRows().ToList();

        AssertRows(rows,
        [
            new("2024-04-01", "1245.00", TransactionType.Debit, "UPI/BLINKIT/409112345678/Groceries", "UPI-409112345678"),
            new("2024-04-02", "110000.00", TransactionType.Credit, "NEFT CITIN24123456789 ACME TECHNOLOGIES", "NEFTINW-0123456789"),
            new("2024-04-05", "30000.00", TransactionType.Debit, "IMPS-409812345678-LANDLORD-RENT", "IMPS-409812345678"),
            new("2024-04-19", "236.00", TransactionType.Debit, "Chrg: Debit Card Annual Fee"),
            new("2024-04-30", "512.00", TransactionType.Credit, "Int.Pd:1234567890:01-01-2024 to 31-03-2024"),
        ], debits: 31481.00m, credits: 110512.00m);
        // Both "Dr / Cr" columns are kept in Raw under unique names.
        Assert.Equal("DR", rows[0].Draft.Raw!["Dr / Cr"]!.GetValue<string>());
        Assert.Equal("CR", rows[0].Draft.Raw!["Dr / Cr (2)"]!.GetValue<string>());
    }

    [Fact]
    public void Sbi_export_without_reference_column_is_still_sbi()
    {
        using var reader = OpenText("Txn Date\tValue Date\tDescription\tDebit\tCredit\tBalance\n" +
                                    "5 Mar 2024\t5 Mar 2024\tATM WDL\t\"1,000.00\"\t\t\"9,000.00\"\n");
        Assert.Equal("SBI", reader.Bank);
        var row = Assert.Single(reader.ReadRows());
        Assert.Equal(new ExpectedRow("2024-03-05", "1000.00", TransactionType.Debit, "ATM WDL"), Flatten(row));
    }

    [Fact]
    public void Hdfc_delimited_download_with_space_padded_cells_is_hdfc()
    {
        using var reader = OpenText(
            "  Date     ,Narration                                     ,Value Dat,Debit Amount       ,Credit Amount      ,Chq/Ref Number   ,Closing Balance\n" +
            "  01/04/24 ,UPI-SWIGGY-SWIGGY@ICICI-PAYMENT                ,01/04/24 ,450.00             ,0.00               ,0000409112345678 ,124550.00\n" +
            "  02/04/24 ,NEFT CR-ACME TECHNOLOGIES-SALARY               ,02/04/24 ,0.00               ,85000.00           ,CITIN24123456789 ,209550.00\n");
        Assert.Equal("HDFC", reader.Bank);

        Assert.Equal(
        [
            new ExpectedRow("2024-04-01", "450.00", TransactionType.Debit, "UPI-SWIGGY-SWIGGY@ICICI-PAYMENT", "0000409112345678"),
            new ExpectedRow("2024-04-02", "85000.00", TransactionType.Credit, "NEFT CR-ACME TECHNOLOGIES-SALARY", "CITIN24123456789"),
        ], reader.ReadRows().Select(Flatten).ToArray());
    }

    [Fact]
    public void Rows_are_read_only_once()
    {
        using var reader = OpenFile("axis_statement.csv");
        _ = reader.ReadRows().ToList();
        Assert.Throws<InvalidOperationException>(() => reader.ReadRows());
    }
}
