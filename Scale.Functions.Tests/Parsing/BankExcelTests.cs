using Scale.Domain.Ingestion.Parsing;
using static Scale.Functions.Tests.Parsing.StatementTestData;

namespace Scale.Functions.Tests.Parsing;

/// <summary>
/// Excel fixtures hold the same statements as the CSV golden files (made by scripts/make-statement-fixtures.py),
/// so they must yield the same drafts: amounts come from numeric cells, ICICI dates from real date cells.
/// </summary>
public class BankExcelTests
{
    [Fact]
    public void Hdfc_xlsx_with_text_dates_and_numeric_amounts_yields_same_rows_as_csv()
    {
        using var reader = OpenFile("hdfc_statement.xlsx");
        Assert.Equal("HDFC", reader.Bank);
        Assert.Equal("xlsx", reader.Format);
        var rows = reader.ReadRows().ToList();

        AssertRows(rows, Hdfc, debits: 38262.50m, credits: 85123.45m);
        Assert.Equal(14, rows[0].LineNumber);
        // Numeric cells are rendered invariantly, without grouping.
        Assert.Equal("124550", rows[0].Draft.Raw!["Closing Balance"]!.GetValue<string>());
    }

    [Fact]
    public void Hdfc_xls_saved_by_a_spreadsheet_program_yields_same_rows_as_csv()
    {
        using var reader = OpenFile("hdfc_statement.xls");
        Assert.Equal("HDFC", reader.Bank);
        Assert.Equal("xls", reader.Format);

        AssertRows(reader.ReadRows().ToList(), Hdfc, debits: 38262.50m, credits: 85123.45m);
    }

    [Fact]
    public void Icici_xlsx_statement_on_second_sheet_with_date_cells_yields_same_rows_as_csv()
    {
        using var reader = OpenFile("icici_statement.xlsx");
        Assert.Equal("ICICI", reader.Bank);
        var rows = reader.ReadRows().ToList();

        AssertRows(rows, Icici, debits: 36684.56m, credits: 120412.00m);
        Assert.Equal("2024-04-03", rows[1].Draft.Raw!["Value Date"]!.GetValue<string>());
    }

    [Fact]
    public void Excel_hint_for_another_bank_reports_that_banks_missing_columns()
    {
        var error = Fails(() => OpenFile("icici_statement.xlsx", new StatementParseOptions(BankHint: "HDFC")));

        Assert.Equal(StatementError.UnknownLayout, error.Error);
        Assert.Contains("description", error.MissingColumns);
        Assert.Contains("Value Dt", error.MissingColumns);
    }
}
