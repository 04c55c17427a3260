using Scale.Domain.Ingestion;
using Scale.Domain.Ingestion.Parsing;
using Scale.Domain.Transactions;
using static Scale.Functions.Tests.Parsing.StatementTestData;

namespace Scale.Functions.Tests.Parsing;

/// <summary>Issue 14 (3, 4, 5): exports people edited or re-saved, and rows that used to vanish silently.</summary>
public class EditedExportTests
{
    [Fact]
    public void Hdfc_delimited_resaved_in_excel_with_cr_column_is_still_hdfc()
    {
        using var reader = OpenText(
            "Date,Narration,Value Dat,Debit Amount,cr,Chq/Ref Number,Closing Balance\n" +
            "01/04/24,UPI-SWIGGY-SWIGGY@ICICI-PAYMENT,01/04/24,450.00,0.00,1.07E+11,124550.00\n" +
            "02/04/24,NEFT CR-ACME TECHNOLOGIES-SALARY,02/04/24,0.00,85000.00,CITIN24123456789,209550.00\n");
        Assert.Equal("HDFC", reader.Bank);
        var rows = reader.ReadRows().ToList();
        Assert.Equal([TransactionType.Debit, TransactionType.Credit], rows.Select(r => r.Draft.Type).ToArray());
    }

    [Fact]
    public void Edited_headers_leave_a_generic_layout_but_hdfc_narrations_name_the_bank()
    {
        using var reader = OpenFile("hdfc_resaved_in_excel.csv");
        Assert.Equal("HDFC", reader.Bank);
        var rows = reader.ReadRows().ToList();

        AssertRows(rows,
        [
            new("2024-05-01", "350.00", TransactionType.Debit, "UPI-SWIGGY-SWIGGY@ICICI-ICIC0DC0099-412412345678-DINNER", "1.07E+11"),
            new("2024-05-03", "90000.00", TransactionType.Credit, "NEFT CR-CITI0000002-ACME TECHNOLOGIES PVT LTD-SALARY MAY 2024", "CITIN24512345678"),
            new("2024-05-10", "5000.00", TransactionType.Debit, "ATW-416021XXXXXX5678-S1BWBL05-BENGALURU", "734"),
            new("2024-05-12", "1845.32", TransactionType.Debit, "POS 416021XXXXXX5678 FLIPKART INTERNET", "4.13E+11"),
        ], debits: 7195.32m, credits: 90000.00m);
        Assert.Equal(BalanceCheckStatuses.Verified, reader.BalanceCheck!.Status);
    }

    [Fact]
    public void References_in_scientific_notation_are_kept_as_text_and_flagged_as_lossy_once()
    {
        using var reader = OpenFile("hdfc_resaved_in_excel.csv");
        _ = reader.ReadRows().ToList();

        var lossy = Assert.Single(reader.Warnings, w => w.Contains("scientific notation", StringComparison.Ordinal));
        Assert.Contains("1.07E+11", lossy, StringComparison.Ordinal);
    }

    [Fact]
    public void A_generic_file_with_mixed_narrations_stays_generic()
    {
        using var reader = OpenFile("generic_semicolon.csv");
        Assert.Equal("GENERIC", reader.Bank);
    }

    [Fact]
    public void Bank_named_in_the_preamble_identifies_a_generic_layout()
    {
        using var reader = OpenText("ICICI Bank Limited,,\nAccount Number,000401234567,\nDate,Description,Debit,Credit\n01/04/2024,Coffee,100.00,\n");
        Assert.Equal("ICICI", reader.Bank);
    }

    [Theory]
    [InlineData("Transaction Date (dd/mm/yyyy)", "transactiondate")]
    [InlineData("Amount(INR)", "amount")]
    [InlineData("Amount (Rs.)", "amount")]
    [InlineData("Amount ( ₹ )", "amount")]
    [InlineData("Balance(INR)", "balance")]
    [InlineData("Withdrawal Amount (INR )", "withdrawalamount")]
    [InlineData("Withdrawal (Dr)", "withdrawaldr")]
    [InlineData("Chq./Ref.No.", "chqrefno")]
    public void Header_matching_ignores_format_hints_but_not_meaning(string header, string normalized) =>
        Assert.Equal(normalized, BankLayout.NormalizeHeader(header));

    [Fact]
    public void Rows_with_time_parts_are_read_not_silently_dropped()
    {
        using var reader = OpenText("Date,Description,Debit,Credit\n" +
                                    "01/04/2024 10:30 AM,Coffee,100.00,\n" +
                                    "01 Apr 2024 10:30:15,Lunch,250.00,\n" +
                                    "01-Apr-2024 10:30,Refund,,50.00\n" +
                                    "2024-03-31T18:30:00Z,Salary,,1000.00\n");
        var rows = reader.ReadRows().ToList();

        Assert.Equal(["2024-04-01", "2024-04-01", "2024-04-01", "2024-04-01"], rows.Select(r => Flatten(r).Date).ToArray());
        Assert.Empty(reader.SkippedRows);
    }

    [Fact]
    public void Impossible_time_part_fails_loudly_with_its_line()
    {
        var error = Fails(() => OpenText("Date,Description,Debit,Credit\n01/04/2024 25:30,Coffee,100.00,\n"));
        Assert.Equal(StatementError.Malformed, error.Error);
        Assert.Equal(2, error.LineNumber);
    }

    [Fact]
    public void Generic_dr_cr_bal_abbreviations_are_understood()
    {
        using var reader = OpenText("Date,Particulars,dr,cr,bal\n01/04/2024,Coffee,100.00,,900.00\n02/04/2024,Refund,,50.00,950.00\n");
        var rows = reader.ReadRows().ToList();
        Assert.Equal([TransactionType.Debit, TransactionType.Credit], rows.Select(r => r.Draft.Type).ToArray());
        Assert.Equal(BalanceCheckStatuses.Verified, reader.BalanceCheck!.Status);
    }

    [Fact]
    public void A_file_whose_every_row_is_skipped_fails_naming_the_first_line_instead_of_reading_as_empty()
    {
        using var reader = OpenText("Date,Description,Debit,Credit\nApril 1st 2024,Coffee,100.00,\nApril 2nd 2024,Lunch,250.00,\n");
        var error = Assert.Throws<StatementFormatException>(() => GuardedStatements.Rows(reader, _ => { }).ToList());

        Assert.Equal(StatementError.Malformed, error.Error);
        Assert.Equal(2, error.LineNumber);
        Assert.Contains("2 row(s) were skipped", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_statement_with_only_its_balance_lines_is_an_empty_period_not_an_error()
    {
        using var reader = OpenText("Tran Date,CHQNO,PARTICULARS,DR,CR,BAL,SOL\n,,OPENING BALANCE,,,\"50,000.00\",\n" +
                                    ",,TRANSACTION TOTAL,0.00,0.00,,\n,,CLOSING BALANCE,,,\"50,000.00\",\n");
        Assert.Empty(GuardedStatements.Rows(reader, _ => { }).ToList());
        Assert.All(reader.SkippedRows, s => Assert.True(s.Summary));
    }
}
