using System.Net;
using System.Text;
using System.Text.Json;
using Npgsql;
using Scale.Functions.Tests.Ingestion;
using Scale.Functions.Tests.Support;

namespace Scale.Functions.Tests.Transactions;

/// <summary>
/// Issue 12 items 4 and 8: a debit in one of the user's accounts and the matching credit in another are linked as
/// an own-account transfer (visible in GET /transactions, undone by DELETE /transactions/transfers/{pair_id});
/// same account, no evidence or two candidates link nothing.
/// </summary>
[Collection(ScaleAppCollection.Name)]
public sealed class TransferPairingTests(ScaleAppFixture fixture)
{
    private ScaleApp App => fixture.App;
    private IngestionClient NewUser() => new(App, ScaleApp.NewUserId());

    // HDFC savings (…6789), April: a NEFT to the user's ICICI account, a Swiggy order of the same amount as a
    // refund below, and a salary.
    private const string HdfcApril = """
        HDFC BANK Ltd.,,,,,,
        Account No : 50100123456789 OTHER,,,,,,
        Date,Narration,Chq./Ref.No.,Value Dt,Withdrawal Amt.,Deposit Amt.,Closing Balance
        02/04/24,NEFT CR-CITI0000002-ACME TECHNOLOGIES PVT LTD-SALARY APR 2024,CITIN24123456789,02/04/24,,"85,000.00","1,85,000.00"
        08/04/24,NEFT DR-ICIC0000104-RAHUL SHARMA-NETBANK-N099240012345678,N099240012345678,08/04/24,"20,000.00",,"1,65,000.00"
        12/04/24,UPI-SWIGGY-SWIGGY@ICICI-ICIC0DC0099-410312345678-DINNER,0000410312345678,12/04/24,650.00,,"1,64,350.00"
        """;

    // ICICI savings (…4567), April: the NEFT arriving a day later, and a friend's refund of 650 (another person).
    private const string IciciApril = """
        DETAILED STATEMENT,,,,,,,
        Transactions List - RAHUL SHARMA (INR) - 000401234567,,,,,,,
        S No.,Value Date,Transaction Date,Cheque Number,Transaction Remarks,Withdrawal Amount (INR ),Deposit Amount (INR ),Balance (INR )
        1,09/04/2024,09/04/2024,-,NEFT-N099240012345678-RAHUL SHARMA-HDFC BANK,0.00,"20,000.00","70,000.00"
        2,12/04/2024,12/04/2024,-,UPI/410398765432/PRIYA S/priya@okaxis/Refund dinner,0.00,650.00,"70,650.00"
        """;

    // The same ICICI account into May: April's rows again and one new row.
    private const string IciciAprilToMay = IciciApril + "\n" + """
        3,03/05/2024,03/05/2024,-,BIL/ONL/000123456789/BESCOM BANGALORE/ELECTRICITY,"1,234.56",0.00,"69,415.44"
        """;

    [Fact]
    public async Task A_debit_and_its_credit_in_two_accounts_statements_are_one_transfer_visible_in_the_listing()
    {
        var user = NewUser();
        await UploadAsync(user, HdfcApril, "hdfc-apr.csv");
        await UploadAsync(user, IciciApril, "icici-apr.csv");

        var items = await ItemsAsync(user);
        var debit = items.Single(i => i.GetProperty("description").GetString()!.StartsWith("NEFT DR-", StringComparison.Ordinal));
        var credit = items.Single(i => i.GetProperty("description").GetString()!.StartsWith("NEFT-N0992", StringComparison.Ordinal));
        Assert.Equal("HDFC XX6789", debit.GetProperty("account").GetString());
        Assert.Equal("ICICI XX4567", credit.GetProperty("account").GetString());

        var debitLink = debit.GetProperty("transfer");
        var creditLink = credit.GetProperty("transfer");
        Assert.Equal(debitLink.GetProperty("pair_id").GetString(), creditLink.GetProperty("pair_id").GetString());
        Assert.Equal(credit.GetProperty("id").GetString(), debitLink.GetProperty("counterpart_id").GetString());
        Assert.Equal(debit.GetProperty("id").GetString(), creditLink.GetProperty("counterpart_id").GetString());

        // The 650 dinner and the friend's 650 refund: two accounts, same amount and day, but nothing says "own
        // account" (the refund names another person, the references differ). Salary has no counterpart.
        Assert.Equal(2, items.Count(i => i.GetProperty("transfer").ValueKind == JsonValueKind.Object));
        Assert.Equal(3, items.Count(i => i.GetProperty("transfer").ValueKind == JsonValueKind.Null));
        Assert.Equal(2, await PairedRowsAsync(user));
    }

    // The HDFC side of the same NEFT as an OFX download: the account is in BANKACCTFROM, not above a header.
    private const string HdfcAprilOfx = """
        OFXHEADER:100
        DATA:OFXSGML
        VERSION:102

        <OFX><SIGNONMSGSRSV1><SONRS><STATUS><CODE>0<SEVERITY>INFO</STATUS><FI><ORG>HDFC Bank<FID>1</FI></SONRS></SIGNONMSGSRSV1>
        <BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>INR
        <BANKACCTFROM><BANKID>HDFC0000123<ACCTID>50100123456789<ACCTTYPE>SAVINGS</BANKACCTFROM>
        <BANKTRANLIST>
        <STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20240408<TRNAMT>-20000.00<FITID>N099240012345678<NAME>NEFT DR-ICIC0000104-RAHUL SHARMA-NETBANK-N099240012345678</STMTTRN>
        </BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>
        """;

    [Fact]
    public async Task An_ofx_statements_account_pairs_with_a_csv_statement_of_another_account()
    {
        var user = NewUser();
        await UploadAsync(user, HdfcAprilOfx, "hdfc-apr.ofx");
        await UploadAsync(user, IciciApril, "icici-apr.csv");

        var items = await ItemsAsync(user);
        var debit = items.Single(i => i.GetProperty("type").GetString() == "debit");
        Assert.Equal("HDFC XX6789", debit.GetProperty("account").GetString());
        Assert.Equal(JsonValueKind.Object, debit.GetProperty("transfer").ValueKind);
        Assert.Equal(2, await PairedRowsAsync(user));
    }

    [Fact]
    public async Task A_debit_and_a_credit_of_one_account_are_never_a_transfer()
    {
        var user = NewUser();
        await user.ImportAsync(
            Row("2024-04-08", 3000m, "UPI-SELF TRANSFER-123456789012", "debit", "HDFC XX6789"),
            Row("2024-04-08", 3000m, "UPI/987654321098/SELF", "credit", "HDFC 50100123456789"));
        Assert.Equal(0, await PairedRowsAsync(user));
        Assert.All(await ItemsAsync(user), i => Assert.Equal("HDFC XX6789", i.GetProperty("account").GetString()));
    }

    [Fact]
    public async Task Equal_amounts_in_two_accounts_without_evidence_are_not_a_transfer()
    {
        var user = NewUser();
        await user.ImportAsync(
            Row("2024-04-08", 500m, "UPI-SWIGGY-SWIGGY@ICICI-409112345678-DINNER", "debit", "HDFC XX6789"),
            Row("2024-04-08", 500m, "NEFT CR-ACME TECHNOLOGIES-REIMBURSEMENT", "credit", "ICICI XX4567"));
        Assert.Equal(0, await PairedRowsAsync(user));
    }

    [Fact]
    public async Task Two_candidate_credits_link_nothing_while_one_links()
    {
        var ambiguous = NewUser();
        await ambiguous.ImportAsync(
            Row("2024-04-08", 3000m, "UPI-SELF TRANSFER-123456789012", "debit", "HDFC XX6789"),
            Row("2024-04-08", 3000m, "UPI/987654321098/SELF", "credit", "ICICI XX4567"),
            Row("2024-04-09", 3000m, "BY TRANSFER-SELF", "credit", "SBI XX1234"));
        Assert.Equal(0, await PairedRowsAsync(ambiguous));

        var clear = NewUser();
        await clear.ImportAsync(
            Row("2024-04-08", 3000m, "UPI-SELF TRANSFER-123456789012", "debit", "HDFC XX6789"),
            Row("2024-04-08", 3000m, "UPI/987654321098/SELF", "credit", "ICICI XX4567"));
        Assert.Equal(2, await PairedRowsAsync(clear));
    }

    [Fact]
    public async Task Rows_without_an_account_are_never_a_transfer()
    {
        var user = NewUser();
        await user.ImportAsync(
            Row("2024-04-08", 3000m, "UPI-SELF TRANSFER-123456789012", "debit", null),
            Row("2024-04-08", 3000m, "UPI/987654321098/SELF", "credit", "ICICI XX4567"));
        Assert.Equal(0, await PairedRowsAsync(user));
    }

    [Fact]
    public async Task An_undone_transfer_counts_again_and_stays_undone_across_re_imports()
    {
        var user = NewUser();
        await UploadAsync(user, HdfcApril, "hdfc-apr.csv");
        await UploadAsync(user, IciciApril, "icici-apr.csv");
        var pairId = (await ItemsAsync(user)).First(i => i.GetProperty("transfer").ValueKind == JsonValueKind.Object)
            .GetProperty("transfer").GetProperty("pair_id").GetString()!;

        using (var undo = await DeleteAsync(user, pairId)) Assert.Equal(HttpStatusCode.NoContent, undo.StatusCode);
        Assert.All(await ItemsAsync(user), i => Assert.Equal(JsonValueKind.Null, i.GetProperty("transfer").ValueKind));
        using (var again = await DeleteAsync(user, pairId)) Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);

        // The same files again, and a longer ICICI statement that brings a new row (so the matcher runs).
        await UploadAsync(user, HdfcApril, "hdfc-apr-again.csv");
        await UploadAsync(user, IciciApril, "icici-apr-again.csv");
        var longer = await UploadAsync(user, IciciAprilToMay, "icici-apr-may.csv");
        Assert.Equal(1, longer.GetProperty("inserted").GetInt32());
        Assert.Equal(0, await PairedRowsAsync(user));
        Assert.Equal(6, await user.CountAsync());
    }

    [Fact]
    public async Task Another_users_pair_is_not_found_and_stays_linked()
    {
        var owner = NewUser();
        await owner.ImportAsync(
            Row("2024-04-08", 3000m, "UPI-SELF TRANSFER-123456789012", "debit", "HDFC XX6789"),
            Row("2024-04-08", 3000m, "UPI/987654321098/SELF", "credit", "ICICI XX4567"));
        var pairId = (await ItemsAsync(owner))[0].GetProperty("transfer").GetProperty("pair_id").GetString()!;

        var other = NewUser();
        using (var response = await DeleteAsync(other, pairId))
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        using (var unknown = await DeleteAsync(other, Guid.NewGuid().ToString())) Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using (var notAnId = await DeleteAsync(other, "not-a-pair")) Assert.Equal(HttpStatusCode.NotFound, notAnId.StatusCode);
        Assert.Equal(2, await PairedRowsAsync(owner));
    }

    private static object Row(string date, decimal amount, string description, string type, string? account) =>
        new { date, amount, type, description, account };

    private static Task<JsonElement> UploadAsync(IngestionClient user, string csv, string name) =>
        user.UploadAndWaitAsync(Encoding.UTF8.GetBytes(csv.Replace("\r", "", StringComparison.Ordinal)), name);

    private static async Task<List<JsonElement>> ItemsAsync(IngestionClient user) =>
        (await user.GetJsonAsync("/api/v1/transactions")).GetProperty("items").EnumerateArray().ToList();

    private Task<HttpResponseMessage> DeleteAsync(IngestionClient user, string pairId) =>
        App.Client.SendAsync(App.Request(HttpMethod.Delete, $"/api/v1/transactions/transfers/{pairId}", user.UserId));

    private async Task<long> PairedRowsAsync(IngestionClient user)
    {
        await using var cmd = App.Database.CreateCommand("SELECT count(*) FROM transactions WHERE user_id = $1 AND transfer_pair_id IS NOT NULL");
        cmd.Parameters.Add(new NpgsqlParameter { Value = user.UserId });
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
