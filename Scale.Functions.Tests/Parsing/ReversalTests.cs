using Scale.Domain.Ingestion.Parsing;
using Scale.Domain.Transactions;
using static Scale.Functions.Tests.Parsing.StatementTestData;

namespace Scale.Functions.Tests.Parsing;

/// <summary>Issue 14 (1): split withdrawal/deposit columns are signed; a negative withdrawal is a reversal, not a debit.</summary>
public class ReversalTests
{
    [Fact]
    public void Hdfc_negative_withdrawal_after_the_original_debit_is_a_credit_and_totals_match_the_banks_summary()
    {
        using var reader = OpenFile("hdfc_reversals.csv");
        Assert.Equal("HDFC", reader.Bank);
        var rows = reader.ReadRows().ToList();

        AssertRows(rows,
        [
            new("2024-05-01", "2499.00", TransactionType.Debit, "POS 416021XXXXXX5678 AMAZON PAY IN E-COMM", "0000412212345678"),
            new("2024-05-01", "2499.00", TransactionType.Credit, "POS 416021XXXXXX5678 AMAZON PAY IN E-COMM", "0000412212345678"),
            new("2024-05-03", "350.00", TransactionType.Debit, "UPI-SWIGGY-SWIGGY@ICICI-ICIC0DC0099-412412345678-DINNER", "0000412412345678"),
            new("2024-05-05", "90000.00", TransactionType.Credit, "NEFT CR-CITI0000002-ACME TECHNOLOGIES PVT LTD-SALARY MAY 2024", "CITIN24512345678"),
            new("2024-05-07", "1845.32", TransactionType.Debit, "POS 416021XXXXXX5678 FLIPKART INTERNET", "0000412812345678"),
            new("2024-05-07", "1845.32", TransactionType.Credit, "POS 416021XXXXXX5678 FLIPKART INTERNET", "0000412812345678"),
            new("2024-05-10", "5000.00", TransactionType.Debit, "ATW-416021XXXXXX5678-S1BWBL05-BENGALURU", "0000000734"),
        ], debits: 9694.32m, credits: 94344.32m);
        // Money in minus money out is what the balance moved by: 50,000.00 → 1,34,650.00.
        Assert.Equal(84650.00m, rows.Sum(r => r.Draft.Type == TransactionType.Credit ? r.Draft.Amount : -r.Draft.Amount));
    }

    [Fact]
    public void Reversal_rows_are_marked_and_raw_keeps_the_signed_cell()
    {
        using var reader = OpenFile("hdfc_reversals.csv");
        var rows = reader.ReadRows().ToList();

        Assert.Equal([false, true, false, false, false, true, false], rows.Select(r => r.IsReversal).ToArray());
        Assert.Equal("-2,499.00", rows[1].Draft.Raw!["Withdrawal Amt."]!.GetValue<string>());
        Assert.Contains(reader.Warnings, w => w.Contains("negative withdrawal", StringComparison.Ordinal));
    }

    [Fact]
    public void Negative_deposit_is_a_debit()
    {
        using var reader = OpenText("Date,Narration,Debit,Credit,Balance\n" +
                                    "01/05/2024,NEFT CR ACME,,\"1,000.00\",\"1,000.00\"\n" +
                                    "02/05/2024,NEFT RETURN ACME,,\"-1,000.00\",0.00\n");
        var rows = reader.ReadRows().ToList();

        Assert.Equal(TransactionType.Debit, rows[1].Draft.Type);
        Assert.Equal(1000.00m, rows[1].Draft.Amount);
        Assert.True(rows[1].IsReversal);
        Assert.Equal(BalanceCheckStatuses.Verified, reader.BalanceCheck!.Status);
    }
}
