using Scale.Domain.Ingestion.Parsing;
using static Scale.Functions.Tests.Parsing.StatementTestData;

namespace Scale.Functions.Tests.Parsing;

public class MalformedStatementTests
{
    private const string HdfcHeader = "Date,Narration,Chq./Ref.No.,Value Dt,Withdrawal Amt.,Deposit Amt.,Closing Balance\n";

    [Fact]
    public void Impossible_date_names_the_line_and_value()
    {
        var csv = HdfcHeader + "01/02/24,Tea,,01/02/24,10.00,,90.00\n31/02/24,Coffee,,31/02/24,20.00,,70.00\n";
        using var reader = OpenText(csv);
        var rows = new List<StatementRow>();
        var error = Assert.Throws<StatementFormatException>(() => { foreach (var row in reader.ReadRows()) rows.Add(row); });

        Assert.Equal(StatementError.Malformed, error.Error);
        Assert.Equal(3, error.LineNumber);
        Assert.Contains("31/02/24", error.Message, StringComparison.Ordinal);
        // Rows before the bad one were yielded: reading is lazy.
        Assert.Single(rows);
    }

    [Fact]
    public void Amount_that_is_not_a_number_names_the_column()
    {
        var error = Fails(() => OpenText(HdfcHeader + "01/02/24,Tea,,01/02/24,ten,,90.00\n"));

        Assert.Equal(StatementError.Malformed, error.Error);
        Assert.Equal(2, error.LineNumber);
        Assert.Contains("Withdrawal Amt.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Row_with_both_withdrawal_and_deposit_is_malformed()
    {
        var error = Fails(() => OpenText(HdfcHeader + "01/02/24,Tea,,01/02/24,10.00,5.00,90.00\n"));
        Assert.Equal(StatementError.Malformed, error.Error);
    }

    [Fact]
    public void Unknown_marker_in_dr_cr_column_is_malformed()
    {
        var error = Fails(() => OpenText("Date,Description,Amount,Type\n01/02/2024,Tea,10.00,maybe\n"));
        Assert.Equal(StatementError.Malformed, error.Error);
        Assert.Contains("maybe", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_without_amount_columns_is_unknown_layout_naming_them()
    {
        var error = Fails(() => OpenText("Date,Description,Balance\n01/02/2024,Tea,10.00\n"));

        Assert.Equal(StatementError.UnknownLayout, error.Error);
        Assert.Equal(["amount or debit/credit"], error.MissingColumns);
    }

    [Fact]
    public void Csv_with_no_recognizable_header_lists_every_missing_column()
    {
        var error = Fails(() => OpenText("Name,Age\nRahul,30\n"));

        Assert.Equal(StatementError.UnknownLayout, error.Error);
        Assert.Equal(["date", "description", "amount or debit/credit"], error.MissingColumns);
        Assert.Contains("date, description, amount or debit/credit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Hinted_bank_that_does_not_match_lists_that_banks_columns()
    {
        var error = Fails(() => OpenFile("kotak_statement.csv", new StatementParseOptions(BankHint: "axis")));

        Assert.Equal(StatementError.UnknownLayout, error.Error);
        Assert.Contains("date", error.MissingColumns);
        Assert.Contains("SOL", error.MissingColumns);
    }
}
