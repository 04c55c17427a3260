using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using Scale.Functions.Tests.Support;
using static Scale.Functions.Tests.Ingestion.IngestionClient;

namespace Scale.Functions.Tests.Ingestion;

/// <summary>
/// Issue 12 (2, 3, 8): the same transaction exported twice in different layouts is stored once (bank references),
/// an overlapping statement imports only its new rows, and every duplicate is reported with the row it matched.
/// </summary>
[Collection(ScaleAppCollection.Name)]
public sealed class OverlappingStatementTests(ScaleAppFixture fixture)
{
    private ScaleApp App => fixture.App;
    private IngestionClient NewUser() => new(App, ScaleApp.NewUserId());

    // HDFC net-banking CSV layout, January to March.
    private const string JanuaryToMarch = """
        Date,Narration,Chq./Ref.No.,Value Dt,Withdrawal Amt.,Deposit Amt.,Closing Balance
        15/01/24,UPI-SWIGGY-SWIGGY@ICICI-ICIC0DC0099-401512345678-DINNER,0000401512345678,15/01/24,350.00,,"49,650.00"
        10/02/24,IMPS-404112345678-RAMESH KUMAR-SBIN-XXXXXXX1234-RENT,0000404112345678,10/02/24,"15,000.00",,"34,650.00"
        05/03/24,NEFT CR-CITI0000002-ACME TECHNOLOGIES PVT LTD-SALARY MAR 2024,CITIN24065123456,05/03/24,,"90,000.00","1,24,650.00"
        20/03/24,UPI-ZOMATO-ZOMATO@HDFCBANK-HDFC0000499-408012345678-LUNCH,0000408012345678,20/03/24,450.00,,"1,24,200.00"
        """;

    // The same account re-saved through Excel, February to April: other column order, four-digit years, narrations
    // cut short (the note after the reference), references in scientific notation (digits lost), the UTR intact.
    private const string FebruaryToApril = """
        Date,Narration,Value Date,Debit Amount,cr,Chq/Ref Number,bal
        10/02/2024,IMPS-404112345678-RAMESH KUMAR,10/02/2024,"15,000.00",,4.04E+11,"34,650.00"
        05/03/2024,NEFT CR-CITI0000002-ACME TECHNOLOGIES PV,05/03/2024,,"90,000.00",CITIN24065123456,"1,24,650.00"
        20/03/2024,UPI-ZOMATO-ZOMATO@HDFCBANK-HDFC0000499-408012345678-L,20/03/2024,450.00,,4.08E+11,"1,24,200.00"
        02/04/2024,UPI-BIGBASKET-BIGBASKET@YBL-YESB0YBLUPI-409312345678-GR,02/04/2024,"1,200.00",,4.09E+11,"1,23,000.00"
        15/04/2024,UPI-SWIGGY-SWIGGY@ICICI-ICIC0DC0099-410612345678-DI,15/04/2024,400.00,,4.11E+11,"1,22,600.00"
        """;

    [Fact]
    public async Task February_to_april_in_another_export_format_imports_only_aprils_rows()
    {
        var user = NewUser();
        var first = await UploadAndWaitAsync(user, JanuaryToMarch, "q1.csv");
        Assert.Equal(4, first.GetProperty("inserted").GetInt32());

        // Every overlapping row differs in text and reference column; the RRN in the narration (IMPS, UPI) or the
        // UTR column (NEFT) says it is the same transaction.
        var second = await UploadAndWaitAsync(user, FebruaryToApril, "feb-apr.csv");
        Assert.Equal("completed", second.GetProperty("status").GetString());
        Assert.Equal(3, second.GetProperty("skipped_duplicates").GetInt32());
        Assert.Equal(2, second.GetProperty("inserted").GetInt32());
        Assert.Equal(6, await user.CountAsync());

        // Reported with the line and the stored transaction each matched (lines 2-4; the header is line 1).
        var ids = await IdsByAmountAsync(user);
        var duplicates = second.GetProperty("duplicates").EnumerateArray()
            .Select(d => (d.GetProperty("line_number").GetInt32(), d.GetProperty("transaction_id").GetString())).ToList();
        Assert.Equal([(2, ids[15000m]), (3, ids[90000m]), (4, ids[450m])], duplicates);
        Assert.Equal(0, first.GetProperty("duplicates").GetArrayLength());
    }

    [Fact]
    public async Task The_banks_reference_is_stored_from_the_column_or_else_the_narration()
    {
        var user = NewUser();
        await UploadAndWaitAsync(user, JanuaryToMarch, "q1.csv");
        await user.ImportAsync(Row("2024-04-02", 60m, "UPI/412512345678/CHAI POINT/chaipoint@ybl/Yes Bank"), Row("2024-04-03", 70m, "CAFE"));
        var references = await StoredReferencesAsync(user);
        Assert.Contains("0000404112345678", references); // the column, as the bank wrote it
        Assert.Contains("CITIN24065123456", references);
        Assert.Contains("412512345678", references);     // no column: the RRN the narration names
        Assert.Equal(5, references.Count);               // the café row names none
    }

    [Fact]
    public async Task Duplicates_are_reported_with_the_transaction_they_matched()
    {
        var user = NewUser();
        var stored = await user.ImportAsync(
            Row("2024-03-03", 350m, "UPI-SWIGGY-SWIGGY@ICICI-ICIC0DC0099-412412345678-DINNER", reference: "0000412412345678"),
            Row("2024-03-05", 90000m, "NEFT CR-CITI0000002-ACME TECHNOLOGIES PVT LTD-SALARY", type: "credit", reference: "CITIN24512345678"),
            Row("2024-03-06", 120m, "CAFE COFFEE DAY"));
        Assert.Equal(3, stored.GetProperty("inserted").GetInt32());
        var ids = await IdsByAmountAsync(user);

        // Another export of the same days: truncated narrations, no reference column, a new row in the middle.
        var again = await user.ImportAsync(
            Row("2024-03-03", 350m, "UPI-SWIGGY-SWIGGY@ICICI-ICIC0DC0099-412412345678"),
            Row("2024-03-04", 60m, "UPI-CHAI POINT-CHAIPOINT@YBL-YESB0YBLUPI-412512345678"),
            Row("2024-03-05", 90000m, "NEFT CR-CITI0000002-ACME TECH", type: "credit", reference: "CITIN24512345678"),
            Row("2024-03-06", 120m, "CAFE COFFEE DAY"));

        Assert.Equal(1, again.GetProperty("inserted").GetInt32());
        Assert.Equal(3, again.GetProperty("skipped_duplicates").GetInt32());
        var duplicates = again.GetProperty("duplicates").EnumerateArray()
            .Select(d => (d.GetProperty("index").GetInt32(), d.GetProperty("transaction_id").GetString())).ToList();
        Assert.Equal([(0, ids[350m]), (2, ids[90000m]), (3, ids[120m])], duplicates);
        Assert.Equal(4, await user.CountAsync());
    }

    [Fact]
    public async Task Two_genuine_rows_sharing_a_reference_are_both_kept_and_reimport_adds_nothing()
    {
        var user = NewUser();
        var rows = new[]
        {
            Row("2024-03-03", 18m, "UPI-GST ON CHARGES-412412345678"),
            Row("2024-03-03", 18m, "UPI-CHARGES-412412345678"),
        };
        Assert.Equal(2, (await user.ImportAsync(rows)).GetProperty("inserted").GetInt32());
        var again = await user.ImportAsync(rows);
        Assert.Equal(0, again.GetProperty("inserted").GetInt32());
        Assert.Equal(2, again.GetProperty("duplicates").GetArrayLength());
    }

    [Fact]
    public async Task Identical_same_day_rows_are_kept_and_verified_by_the_balance_chain()
    {
        var user = NewUser();
        const string statement = """
            Date,Narration,Chq./Ref.No.,Value Dt,Withdrawal Amt.,Deposit Amt.,Closing Balance
            04/03/24,CHAI KIOSK CASH,,04/03/24,20.00,,980.00
            04/03/24,CHAI KIOSK CASH,,04/03/24,20.00,,960.00
            04/03/24,CHAI KIOSK CASH,,04/03/24,20.00,,940.00
            """;
        var upload = await UploadAndWaitAsync(user, statement, "chai.csv");
        Assert.Equal("verified", upload.GetProperty("balance_check").GetProperty("status").GetString());
        Assert.Equal(3, upload.GetProperty("inserted").GetInt32());
        Assert.Equal(3, await user.CountAsync());
    }

    [Fact]
    public async Task A_deliberately_removed_row_is_reported_as_a_gap_and_the_rest_is_imported()
    {
        var user = NewUser();
        var withoutFebruary = string.Join('\n', JanuaryToMarch.Split('\n').Where(l => !l.StartsWith("10/02/24", StringComparison.Ordinal)));
        var upload = await UploadAndWaitAsync(user, withoutFebruary, "q1-missing-row.csv");
        var check = upload.GetProperty("balance_check");
        Assert.Equal("gap", check.GetProperty("status").GetString());
        Assert.Equal(1, check.GetProperty("gaps").GetArrayLength());
        Assert.Equal(3, upload.GetProperty("inserted").GetInt32());
    }

    private static Task<JsonElement> UploadAndWaitAsync(IngestionClient user, string csv, string name) =>
        user.UploadAndWaitAsync(Encoding.UTF8.GetBytes(csv.Replace("\r", "")), name);

    private async Task<List<string>> StoredReferencesAsync(IngestionClient user)
    {
        await using var cmd = App.Database.CreateCommand("SELECT reference FROM transactions WHERE user_id = $1 AND reference IS NOT NULL");
        cmd.Parameters.Add(new NpgsqlParameter { Value = user.UserId });
        await using var reader = await cmd.ExecuteReaderAsync();
        var list = new List<string>();
        while (await reader.ReadAsync()) list.Add(reader.GetString(0));
        return list;
    }

    private async Task<Dictionary<decimal, string>> IdsByAmountAsync(IngestionClient user)
    {
        await using var cmd = App.Database.CreateCommand("SELECT amount, id FROM transactions WHERE user_id = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = user.UserId });
        await using var reader = await cmd.ExecuteReaderAsync();
        var ids = new Dictionary<decimal, string>();
        while (await reader.ReadAsync()) ids[reader.GetDecimal(0)] = reader.GetInt64(1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return ids;
    }
}
