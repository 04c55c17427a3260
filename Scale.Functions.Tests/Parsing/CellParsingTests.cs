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
    // Issue 14: "Rs" was stripped before "Rs ." was tried, reading ₹500 as ₹0.50.
    [InlineData("Rs . 500", "500", null)]
    [InlineData("Rs . 1500", "1500", null)]
    [InlineData("Rs .1,500.00", "1500.00", null)]
    [InlineData("INR. 12.00", "12.00", null)]
    // Axis corporate: tab-led amounts and overdrawn balances with a separator after the sign.
    [InlineData("\t7,560.00", "7560.00", null)]
    [InlineData("-,93,43,827.31", "9343827.31", true)]
    // SBI Card: a D/C letter after the amount.
    [InlineData("1,299.00 D", "1299.00", true)]
    [InlineData("5,000.00 C", "5000.00", false)]
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
    // Issue 14: time parts in every style; they used to drop the row silently.
    [InlineData("01/04/2024 10:30 AM", "2024-04-01")]
    [InlineData("01/04/2024 10:30 PM", "2024-04-01")]
    [InlineData("01/04/2024 12:05 am", "2024-04-01")]
    [InlineData("01 Apr 2024 10:30:15", "2024-04-01")]
    [InlineData("01-Apr-2024 10:30", "2024-04-01")]
    [InlineData("01/04/24 23:59:59", "2024-04-01")]
    [InlineData("2024-04-01T10:30:00", "2024-04-01")]
    // An explicit offset converts to India time: 18:30 UTC on 31 March is 00:00 on 1 April in India.
    [InlineData("2024-03-31T18:30:00Z", "2024-04-01")]
    [InlineData("2024-03-31T18:29:59Z", "2024-03-31")]
    [InlineData("2024-03-31T20:00:00+00:00", "2024-04-01")]
    [InlineData("2024-04-01T00:30:00+05:30", "2024-04-01")]
    [InlineData("2024-03-31 18:30:00.000 UTC", "2024-04-01")]
    // Axis card statements.
    [InlineData("14 Sep '22", "2022-09-14")]
    public void Statement_dates_are_day_first(string text, string iso)
    {
        Assert.True(StatementDates.TryParse(text, out var date));
        Assert.Equal(iso, date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("31/02/24", true)]
    [InlineData("13/13/2024", true)]
    [InlineData("01/04/2024 25:00", true)]
    [InlineData("01/04/2024 13:30 PM", true)]
    [InlineData("Opening Balance", false)]
    [InlineData("1,00,000.00", false)]
    public void Impossible_dates_are_recognized_by_shape(string text, bool looksLikeDate)
    {
        Assert.False(StatementDates.TryParse(text, out _));
        Assert.Equal(looksLikeDate, StatementDates.LooksLikeDate(text));
    }
}
