using Scale.Domain.Ingestion.Parsing;
using static Scale.Functions.Tests.Parsing.StatementTestData;

namespace Scale.Functions.Tests.Parsing;

/// <summary>Issue 14 (2): every parse proves itself against the statement's running balances and its own totals.</summary>
public class BalanceCheckTests
{
    [Fact]
    public void Hdfc_reversal_statement_is_verified_by_balance_chain_and_summary_totals()
    {
        using var reader = OpenFile("hdfc_reversals.csv");
        _ = reader.ReadRows().ToList();
        var check = reader.BalanceCheck!;

        Assert.Empty(check.Gaps);
        Assert.Equal(
        [
            new StatementTotal("closing_balance", 134650.00m, 134650.00m),
            new StatementTotal("debits", 5350.00m, 5350.00m),
            new StatementTotal("credits", 90000.00m, 90000.00m),
            new StatementTotal("debit_count", 6, 6),
            new StatementTotal("credit_count", 1, 1),
        ], check.Totals);
        Assert.Equal(BalanceCheckStatuses.Verified, check.Status);
    }

    [Fact]
    public void A_dropped_row_is_a_gap_at_the_row_before_it_and_a_warning()
    {
        // The 350.00 debit of 03/05 is missing: the balance after line 10 does not follow.
        var lines = File.ReadAllLines(PathOf("hdfc_reversals.csv")).Where(l => !l.StartsWith("03/05/24", StringComparison.Ordinal));
        using var reader = OpenText(string.Join('\n', lines));
        _ = reader.ReadRows().ToList();
        var check = reader.BalanceCheck!;

        Assert.Equal(BalanceCheckStatuses.Gap, check.Status);
        Assert.Equal(new BalanceGap(10, 140000.00m, 139650.00m), Assert.Single(check.Gaps));
        Assert.Contains(check.Totals, t => t is { Name: "debits", Matches: false });
        Assert.Contains(reader.Warnings, w => w.Contains("does not add up after line 10", StringComparison.Ordinal));
    }

    [Fact]
    public void Unsigned_reading_of_a_reversal_would_break_the_chain()
    {
        // The same statement with the reversal written unsigned (as the old parser read it) cannot be proved.
        var text = File.ReadAllText(PathOf("hdfc_reversals.csv")).Replace("\"-2,499.00\"", "\"2,499.00\"", StringComparison.Ordinal);
        using var reader = OpenText(text);
        _ = reader.ReadRows().ToList();

        Assert.Equal(BalanceCheckStatuses.Gap, reader.BalanceCheck!.Status);
        Assert.Equal(new BalanceGap(9, 45002.00m, 50000.00m), reader.BalanceCheck.Gaps[0]);
    }

    [Fact]
    public void Axis_corporate_footer_with_both_totals_in_one_cell_and_overdrawn_balances_is_verified()
    {
        using var reader = OpenFile("axis_corporate.csv");
        _ = reader.ReadRows().ToList();
        var check = reader.BalanceCheck!;

        Assert.Equal(BalanceCheckStatuses.Verified, check.Status);
        Assert.Equal(
        [
            new StatementTotal("closing_balance", -7524828.86m, -7524828.86m),
            new StatementTotal("debits", 222344.00m, 222344.00m),
            new StatementTotal("credits", 463197.44m, 463197.44m),
        ], check.Totals);
    }

    [Theory]
    [InlineData("hdfc_statement.csv")]
    [InlineData("axis_statement.csv")]
    [InlineData("sbi_statement.tsv")]
    [InlineData("icici_statement.csv")]
    [InlineData("kotak_statement.csv")]
    [InlineData("hdfc_statement.xlsx")]
    [InlineData("icici_statement.xlsx")]
    public void Existing_bank_fixtures_prove_their_balances(string file)
    {
        using var reader = OpenFile(file);
        _ = reader.ReadRows().ToList();
        Assert.Equal(BalanceCheckStatuses.Verified, reader.BalanceCheck!.Status);
    }

    [Fact]
    public void Sbi_opening_balance_from_the_preamble_checks_the_first_row()
    {
        var text = File.ReadAllText(PathOf("sbi_statement.tsv")).Replace("1,50,000.00", "1,49,000.00", StringComparison.Ordinal);
        using var reader = OpenText(text, "sbi.tsv");
        _ = reader.ReadRows().ToList();

        Assert.Equal(BalanceCheckStatuses.Gap, reader.BalanceCheck!.Status);
        Assert.Equal(new BalanceGap(0, 146655.00m, 147655.00m), Assert.Single(reader.BalanceCheck.Gaps));
        Assert.Contains(reader.Warnings, w => w.Contains("at the first row", StringComparison.Ordinal));
    }

    [Fact]
    public void Kotak_overdrawn_balance_marked_dr_in_the_next_column_is_negative()
    {
        using var reader = OpenText("Sl. No.,Transaction Date,Value Date,Description,Chq / Ref No.,Amount,Dr / Cr,Balance,Dr / Cr\n" +
                                    "1,01-04-2024,01-04-2024,UPI/BLINKIT/409112345678/Groceries,,\"1,000.00\",DR,500.00,DR\n" +
                                    "2,02-04-2024,02-04-2024,NEFT CITIN24123456789 ACME,,\"2,000.00\",CR,\"1,500.00\",CR\n");
        var rows = reader.ReadRows().ToList();

        Assert.Equal([-500.00m, 1500.00m], rows.Select(r => r.Balance!.Value).ToArray());
        Assert.Equal(BalanceCheckStatuses.Verified, reader.BalanceCheck!.Status);
    }

    [Fact]
    public void Newest_first_statement_chains_backwards()
    {
        using var reader = OpenText("Txn Date\tValue Date\tDescription\tDebit\tCredit\tBalance\n" +
                                    "3 Mar 2024\t3 Mar 2024\tATM WDL\t500.00\t\t1,500.00\n" +
                                    "2 Mar 2024\t2 Mar 2024\tSALARY\t\t1,000.00\t2,000.00\n" +
                                    "1 Mar 2024\t1 Mar 2024\tUPI\t100.00\t\t1,000.00\n");
        _ = reader.ReadRows().ToList();
        Assert.Equal(BalanceCheckStatuses.Verified, reader.BalanceCheck!.Status);
    }

    [Fact]
    public void Statement_without_balances_or_totals_is_not_available()
    {
        using var reader = OpenFile("generic_semicolon.csv");
        Assert.Null(reader.BalanceCheck); // not before the rows are read
        _ = reader.ReadRows().ToList();
        Assert.Equal(BalanceCheckStatuses.NotAvailable, reader.BalanceCheck!.Status);
        Assert.Empty(reader.BalanceCheck.Gaps);
        Assert.Empty(reader.BalanceCheck.Totals);
    }

    [Fact]
    public void Ofx_has_no_running_balance()
    {
        using var reader = OpenFile("ofx_v1_sgml.ofx");
        _ = reader.ReadRows().ToList();
        Assert.Equal(BalanceCheckStatuses.NotAvailable, reader.BalanceCheck!.Status);
    }
}
