using System.Globalization;
using Scale.Domain.Ingestion.Parsing;
using Scale.Domain.Transactions;

namespace Scale.Functions.Tests.Parsing;

/// <summary>Expected row of a golden statement: what the import must see, in a form a reader can check by eye.</summary>
public sealed record ExpectedRow(string Date, string Amount, TransactionType Type, string Description, string? Reference = null);

/// <summary>Opens golden files and in-memory statements and flattens rows for exact comparison.</summary>
internal static class StatementTestData
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Data", "Statements", name);

    public static StatementReader OpenFile(string name, StatementParseOptions? options = null) =>
        StatementParser.Open(new MemoryStream(File.ReadAllBytes(PathOf(name))), name, options ?? new StatementParseOptions());

    public static StatementReader OpenText(string text, string name = "statement.csv", StatementParseOptions? options = null) =>
        StatementParser.Open(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)), name, options ?? new StatementParseOptions());

    public static StatementReader OpenBytes(byte[] bytes, string name = "statement.csv", StatementParseOptions? options = null) =>
        StatementParser.Open(new MemoryStream(bytes), name, options ?? new StatementParseOptions());

    public static ExpectedRow Flatten(StatementRow row) => new(
        row.Draft.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        row.Draft.Amount.ToString("F2", CultureInfo.InvariantCulture),
        row.Draft.Type,
        row.Draft.Description,
        row.Draft.Reference);

    /// <summary>Asserts rows one by one (so a failure names the row) and then the statement totals.</summary>
    public static void AssertRows(IReadOnlyList<StatementRow> rows, IReadOnlyList<ExpectedRow> expected,
        decimal debits, decimal credits)
    {
        for (var i = 0; i < Math.Min(rows.Count, expected.Count); i++) Assert.Equal(expected[i], Flatten(rows[i]));
        Assert.Equal(expected.Count, rows.Count);
        Assert.Equal(debits, rows.Where(r => r.Draft.Type == TransactionType.Debit).Sum(r => r.Draft.Amount));
        Assert.Equal(credits, rows.Where(r => r.Draft.Type == TransactionType.Credit).Sum(r => r.Draft.Amount));
        Assert.All(rows, r =>
        {
            Assert.Equal("INR", r.Draft.Currency);
            Assert.Null(r.Draft.Category);
        });
    }

    public static StatementFormatException Fails(Func<StatementReader> open) =>
        Assert.Throws<StatementFormatException>(() =>
        {
            using var reader = open();
            _ = reader.ReadRows().ToList();
        });

    public static readonly ExpectedRow[] Hdfc =
    [
        new("2024-04-01", "450.00", TransactionType.Debit, "UPI-SWIGGY-SWIGGY@ICICI-ICIC0DC0099-409112345678-PAYMENT FROM PHONE", "0000409112345678"),
        new("2024-04-02", "85000.00", TransactionType.Credit, "NEFT CR-CITI0000002-ACME TECHNOLOGIES PVT LTD-SALARY APR 2024", "CITIN24123456789"),
        new("2024-04-05", "10000.00", TransactionType.Debit, "ATW-416021XXXXXX1234-S1ACMU01-MUMBAI", "0000000512"),
        new("2024-04-08", "25000.00", TransactionType.Debit, "IMPS-409812345678-RAVI KUMAR-HDFC-XXXXXXXX1234-RENT APRIL 2024 FLAT 12", "0000409812345678"),
        new("2024-04-10", "123.45", TransactionType.Credit, "CREDIT INTEREST CAPITALISED"),
        new("2024-04-12", "2500.00", TransactionType.Debit, "ACH D- TP ACH ICICIPRULIFE-1234567"),
        new("2024-04-15", "312.50", TransactionType.Debit, "UPI-ZOMATO-ZOMATO@HDFC -ORDER 8812", "0000410512345678"),
        new("2024-04-30", "0.00", TransactionType.Debit, "DEBIT CARD ANNUAL FEE"),
    ];

    public static readonly ExpectedRow[] Icici =
    [
        new("2024-04-01", "450.00", TransactionType.Debit, "UPI/409112345678/Payment from Ph/swiggy@icici/ICICI Bank"),
        new("2024-04-02", "120000.00", TransactionType.Credit, "NEFT-CITIN24123456789-ACME TECHNOLOGIES PVT LTD-SALARY"),
        new("2024-04-06", "30000.00", TransactionType.Debit, "CHQ PAID-MICR CTS-MU-SHREE ESTATES", "000123"),
        new("2024-04-09", "5000.00", TransactionType.Debit, "ATM/CASH WDL/09-04-24/S1ACMU01"),
        new("2024-04-15", "1234.56", TransactionType.Debit, "BIL/ONL/000123456789/BESCOM BANGALORE/ELECTRICITY"),
        new("2024-04-30", "412.00", TransactionType.Credit, "123456789:Int.Pd:01-01-2024 to 31-03-2024"),
    ];
}
