using Scale.Domain.Ingestion.Parsing;
using Scale.Domain.Transactions;
using static Scale.Functions.Tests.Parsing.StatementTestData;

namespace Scale.Functions.Tests.Parsing;

public class GenericCsvTests
{
    [Fact]
    public void Semicolon_csv_with_preamble_currency_prefixes_and_indian_grouping_yields_exact_rows()
    {
        using var reader = OpenFile("generic_semicolon.csv");
        Assert.Equal("GENERIC", reader.Bank);
        var rows = reader.ReadRows().ToList();

        Assert.Equal(
        [
            new ExpectedRow("2024-03-05", "250.00", TransactionType.Debit, "Coffee at Blue Tokai", "TXN001"),
            new ExpectedRow("2024-03-06", "123456.78", TransactionType.Credit, "Salary March ACME"),
            new ExpectedRow("2024-03-07", "1234.50", TransactionType.Debit, "Electricity bill"),
            new ExpectedRow("2024-03-08", "499.00", TransactionType.Credit, "Refund from Myntra", "TXN004"),
        ], rows.Select(Flatten).ToArray());
        Assert.Equal([5, 6, 8, 9], rows.Select(r => r.LineNumber).ToArray());
        // Generic files may carry an explicit category; it is taken as given.
        Assert.Equal(new string?[] { "Food & Dining", "Salary", null, null }, rows.Select(r => r.Draft.Category).ToList());
        Assert.Equal("Salary March\nACME", rows[1].Draft.Raw!["Details"]!.GetValue<string>());
    }

    [Fact]
    public void Tab_separated_amount_and_type_columns_with_explicit_merchant_and_payment_method()
    {
        using var reader = OpenFile("generic_tab.tsv");
        var rows = reader.ReadRows().ToList();

        Assert.Equal(
        [
            new ExpectedRow("2024-03-05", "350.00", TransactionType.Debit, "Swiggy order"),
            new ExpectedRow("2024-03-06", "25.00", TransactionType.Credit, "Cashback"),
            new ExpectedRow("2024-03-07", "0.00", TransactionType.Debit, "No amount row"),
        ], rows.Select(Flatten).ToArray());
        Assert.Equal("Swiggy", rows[0].Draft.Merchant);
        Assert.Equal("UPI", rows[0].Draft.PaymentMethod);
        Assert.Null(rows[1].Draft.Merchant);
    }

    [Fact]
    public void Pipe_separated_signed_amounts_and_dr_cr_suffixes_give_direction()
    {
        using var reader = OpenFile("generic_signed.csv");
        var rows = reader.ReadRows().Select(Flatten).ToArray();

        Assert.Equal(
        [
            new ExpectedRow("2024-03-01", "2000.00", TransactionType.Debit, "ATM withdrawal"),
            new ExpectedRow("2024-03-02", "15.25", TransactionType.Credit, "Interest"),
            new ExpectedRow("2024-03-03", "1200.00", TransactionType.Debit, "Card payment"),
            new ExpectedRow("2024-03-04", "300.00", TransactionType.Credit, "Reversal"),
            new ExpectedRow("2024-03-05", "0.00", TransactionType.Debit, "Zero fee"),
        ], rows);
    }

    [Fact]
    public void Bom_whitespace_and_trailing_empty_columns_are_tolerated()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }
            .Concat(System.Text.Encoding.UTF8.GetBytes("  Date , Narration , Withdrawal , Deposit ,,\r\n 01/02/2024 ,  Tea  , 20.00 , ,,\r\n"))
            .ToArray();
        using var reader = OpenBytes(bytes);
        var row = Assert.Single(reader.ReadRows());

        Assert.Equal(new ExpectedRow("2024-02-01", "20.00", TransactionType.Debit, "Tea"), Flatten(row));
        Assert.Equal(2, row.LineNumber);
    }

    [Fact]
    public void Hint_generic_overrides_detection_of_a_bank_layout()
    {
        using var reader = OpenFile("hdfc_statement.csv", new StatementParseOptions(BankHint: "Generic"));
        Assert.Equal("GENERIC", reader.Bank);
        var rows = reader.ReadRows().ToList();

        Assert.Equal(Hdfc, rows.Select(Flatten).ToArray());
    }

    [Fact]
    public void Hint_naming_the_right_bank_is_case_insensitive()
    {
        using var reader = OpenFile("sbi_statement.tsv", new StatementParseOptions(BankHint: " SBI "));
        Assert.Equal("SBI", reader.Bank);
        Assert.Equal(5, reader.ReadRows().Count());
    }

    [Fact]
    public void Utf16_csv_with_bom_is_read()
    {
        var bytes = System.Text.Encoding.Unicode.GetPreamble()
            .Concat(System.Text.Encoding.Unicode.GetBytes("Date\tDescription\tDebit\tCredit\n05/03/2024\tचाय\t10.00\t\n"))
            .ToArray();
        using var reader = OpenBytes(bytes);

        Assert.Equal(new ExpectedRow("2024-03-05", "10.00", TransactionType.Debit, "चाय"), Flatten(Assert.Single(reader.ReadRows())));
    }
}
