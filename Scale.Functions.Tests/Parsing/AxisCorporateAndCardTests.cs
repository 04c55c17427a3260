using Scale.Domain.Transactions;
using static Scale.Functions.Tests.Parsing.StatementTestData;

namespace Scale.Functions.Tests.Parsing;

/// <summary>Issue 14 (3): layouts that used to be 422 unknown_layout: Axis corporate CSV and credit-card exports.</summary>
public class AxisCorporateAndCardTests
{
    [Fact]
    public void Axis_corporate_csv_with_format_hints_tabs_and_overdrawn_balances_yields_exact_rows()
    {
        using var reader = OpenFile("axis_corporate.csv");
        Assert.Equal("AXIS", reader.Bank);
        var rows = reader.ReadRows().ToList();

        AssertRows(rows,
        [
            new("2025-08-01", "7560.00", TransactionType.Credit, "NEFT/HDFCH00395034887/MARUTI SUZUKI INDIA LTD/HDFC BANK/0001173122"),
            new("2025-08-01", "215000.00", TransactionType.Debit, "RTGS/UTIBR52025080100123456/ACME STEEL TRADERS/SBIN0001234"),
            new("2025-08-02", "455637.44", TransactionType.Credit, "NEFT/SBINN52025080212345/BHARAT AUTO COMPONENTS/SBI"),
            new("2025-08-03", "7344.00", TransactionType.Debit, "CHRGS/SMS ALERT AND ACCOUNT MAINTENANCE JUL25"),
        ], debits: 222344.00m, credits: 463197.44m);
        Assert.Equal(-7758122.30m, rows[0].Balance);
        Assert.Equal("\t7,560.00", rows[0].Draft.Raw!["Amount(INR)"]!.GetValue<string>());
    }

    [Fact]
    public void Axis_corporate_opening_total_and_closing_lines_are_skipped_rows_with_reasons()
    {
        using var reader = OpenFile("axis_corporate.csv");
        _ = reader.ReadRows().ToList();

        Assert.Equal([7, 12, 13, 14], reader.SkippedRows.Select(s => s.LineNumber).ToArray());
        Assert.Contains("OPENING BALANCE", reader.SkippedRows[0].Reason, StringComparison.Ordinal);
        Assert.Equal(4, reader.SkippedRowCount);
    }

    [Fact]
    public void Axis_card_csv_without_a_direction_column_reads_purchases_as_debits_and_payments_refunds_as_credits()
    {
        using var reader = OpenFile("axis_card.csv");
        Assert.Equal("AXIS", reader.Bank);
        var rows = reader.ReadRows().ToList();

        AssertRows(rows,
        [
            new("2022-09-14", "452.00", TransactionType.Debit, "SWIGGY BANGALORE IN"),
            new("2022-09-15", "1299.00", TransactionType.Debit, "AMAZON PAY INDIA PRIVA BANGALORE IN"),
            new("2022-09-18", "10000.00", TransactionType.Credit, "MB PAYMENT #IB18092212345678"),
            new("2022-09-20", "1299.00", TransactionType.Credit, "REFUND AMAZON PAY INDIA PRIVA BANGALORE IN"),
            new("2022-09-27", "2315.60", TransactionType.Debit, "IRCTC ELECTRONIC TICKET NEW DELHI IN"),
        ], debits: 4066.60m, credits: 11299.00m);
        Assert.Contains(reader.Warnings, w => w.Contains("by their narration", StringComparison.Ordinal));
    }

    [Fact]
    public void Hdfc_card_csv_is_tilde_separated_with_times_and_stops_at_the_reward_points_summary()
    {
        using var reader = OpenFile("hdfc_card.csv");
        Assert.Equal("HDFC", reader.Bank);
        var rows = reader.ReadRows().ToList();

        AssertRows(rows,
        [
            new("2024-05-01", "452.00", TransactionType.Debit, "SWIGGY BANGALORE"),
            new("2024-05-03", "1299.00", TransactionType.Debit, "AMAZON PAY INDIA PRIVA"),
            new("2024-05-10", "15000.00", TransactionType.Credit, "NETBANKING TRANSFER (Ref# ST241310012345)"),
            new("2024-05-12", "1299.00", TransactionType.Credit, "REVERSAL AMAZON PAY INDIA PRIVA"),
            new("2024-05-15", "649.00", TransactionType.Debit, "NETFLIX.COM LOS GATOS"),
        ], debits: 2400.00m, credits: 16299.00m);
        Assert.Contains(reader.Warnings, w => w.Contains("summary/legend", StringComparison.Ordinal));
    }

    [Fact]
    public void Icici_card_csv_reads_billing_amount_sign_and_skips_the_card_number_line()
    {
        using var reader = OpenFile("icici_card.csv");
        Assert.Equal("ICICI", reader.Bank);
        var rows = reader.ReadRows().ToList();

        AssertRows(rows,
        [
            new("2024-05-02", "452.00", TransactionType.Debit, "SWIGGY BANGALORE IN", "1"),
            new("2024-05-06", "12000.00", TransactionType.Credit, "BBPS Payment received", "2"),
            new("2024-05-08", "1299.00", TransactionType.Debit, "AMAZON PAY INDIA PRIVA BANGALORE IN", "3"),
            new("2024-05-11", "119.00", TransactionType.Debit, "SPOTIFY SI STOCKHOLM SE", "4"),
        ], debits: 1870.00m, credits: 12000.00m);
        Assert.Contains("4315XXXXXXXX8008", Assert.Single(reader.SkippedRows).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Sbi_card_csv_reads_d_and_c_after_the_amount()
    {
        using var reader = OpenFile("sbi_card.csv");
        Assert.Equal("SBI", reader.Bank);
        var rows = reader.ReadRows().ToList();

        AssertRows(rows,
        [
            new("2024-05-12", "342.00", TransactionType.Debit, "UPI-SWIGGY INSTAMART BANGALORE"),
            new("2024-05-15", "5000.00", TransactionType.Credit, "PAYMENT RECEIVED 000012345678"),
            new("2024-05-18", "1299.00", TransactionType.Debit, "AMAZON PAY INDIA BANGALORE"),
            new("2024-05-19", "12.50", TransactionType.Credit, "FUEL SURCHARGE REVERSAL"),
        ], debits: 1641.00m, credits: 5012.50m);
    }

    [Fact]
    public void Card_sign_convention_a_negative_amount_is_a_payment()
    {
        using var reader = OpenText("Date,Transaction Details,Merchant Category,Amount in INR\n" +
                                    "14 Sep '22,SWIGGY BANGALORE IN,FOOD,452.00\n" +
                                    "18 Sep '22,THANK YOU FOR THE PAYMENT,,-452.00\n");
        var rows = reader.ReadRows().ToList();
        Assert.Equal([TransactionType.Debit, TransactionType.Credit], rows.Select(r => r.Draft.Type).ToArray());
    }

    [Fact]
    public void Same_header_without_sbi_card_in_the_preamble_is_not_a_card_statement()
    {
        // "Date, Transaction Details, Amount" alone does not say card: it stays a bank-style generic statement
        // where a negative amount is money out.
        using var reader = OpenText("Date,Transaction Details,Amount\n01/05/2024,SWIGGY,-342.00\n");
        Assert.Equal("GENERIC", reader.Bank);
        Assert.Equal(TransactionType.Debit, Assert.Single(reader.ReadRows()).Draft.Type);
    }
}
