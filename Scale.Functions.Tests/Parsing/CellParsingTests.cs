using Scale.Domain.Ingestion.Parsing;

namespace Scale.Functions.Tests.Parsing;

public class CellParsingTests
{
    [Theory]
    [InlineData("1,23,456.78", "123456.78", null)]
    [InlineData("123,456.78", "123456.78", null)]
    [InlineData("₹ 1,200.00", "1200.00", null)]
    [InlineData("₹1,200", "1200", null)]
    [InlineData("Rs. 500", "500", null)]
    [InlineData("Rs 500.5", "500.5", null)]
    [InlineData("INR 12.00", "12.00", null)]
    [InlineData("1,200.00 Dr", "1200.00", true)]
    [InlineData("1,200.00Cr", "1200.00", false)]
    [InlineData("1,200.00 (DR)", "1200.00", true)]
    [InlineData("-42.50", "42.50", true)]
    [InlineData("(500.00)", "500.00", true)]
    [InlineData("  ", "0", null)]
    [InlineData("-", "0", null)]
    public void Amount_cells_in_indian_statement_styles_parse(string text, string value, bool? isDebit)
    {
        Assert.True(StatementAmounts.TryParse(text, out var amount));
        Assert.Equal(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), amount.Value);
        Assert.Equal(isDebit, amount.IsDebit);
    }

    [Theory]
    [InlineData("ten")]
    [InlineData("1.2.3")]
    [InlineData("10.005")]
    [InlineData("12abc")]
    public void Non_amounts_are_rejected(string text) => Assert.False(StatementAmounts.TryParse(text, out _));

    [Theory]
    [InlineData("05/03/24", "2024-03-05")]
    [InlineData("05/03/2024", "2024-03-05")]
    [InlineData("05-03-2024", "2024-03-05")]
    [InlineData("05-03-24", "2024-03-05")]
    [InlineData("5 Mar 2024", "2024-03-05")]
    [InlineData("05 Mar 2024", "2024-03-05")]
    [InlineData("05-Mar-24", "2024-03-05")]
    [InlineData("05-Mar-2024", "2024-03-05")]
    [InlineData("2024-03-05", "2024-03-05")]
    [InlineData("2024-03-05 00:00:00", "2024-03-05")]
    [InlineData("5 Sept 2024", "2024-09-05")]
    public void Statement_dates_are_day_first(string text, string iso)
    {
        Assert.True(StatementDates.TryParse(text, out var date));
        Assert.Equal(iso, date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("31/02/24", true)]
    [InlineData("13/13/2024", true)]
    [InlineData("Opening Balance", false)]
    [InlineData("1,00,000.00", false)]
    public void Impossible_dates_are_recognized_by_shape(string text, bool looksLikeDate)
    {
        Assert.False(StatementDates.TryParse(text, out _));
        Assert.Equal(looksLikeDate, StatementDates.LooksLikeDate(text));
    }
}
