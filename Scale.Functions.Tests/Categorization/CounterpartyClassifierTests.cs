using Scale.Domain.Categorization;

namespace Scale.Functions.Tests.Categorization;

/// <summary>Issue 13: who is on the other side of a narration, from handle, rail markers, name shape and profile.</summary>
public class CounterpartyClassifierTests
{
    private static readonly AccountHolder Aniket = new(["Aniket Ramesh Sharma"], ["50100234567812", "20012345678"]);

    [Theory]
    // Personal handles: a mobile number on any app, first.last names, Google Pay's ok* handles
    [InlineData("UPI-JYOTI SINGH-9876012345@ybl-YESB0YBLUPI-412233445566-Payment from Ph", CounterpartyKind.Person)]
    [InlineData("UPI/413276540987/NA/pallavi.rao@okicici/ICICI Bank/ICI7d8e9f01", CounterpartyKind.Person)]
    [InlineData("UPIOUT/421100223344/himanshu.v@okaxis/Sent fro/0000", CounterpartyKind.Person)]
    // Kotak's UPI/<name>/<ref>/<app remark>: no handle, but a given name and a surname
    [InlineData("UPI/TANVI DESAI/318276451092/Paid via CRED", CounterpartyKind.Person)]
    // SBI cuts the payee to 8 characters: a given name still shows; a brand does not
    [InlineData("TO TRANSFER-UPI/DR/316733018264/SAMEER K/SBIN/sameerk@ok/UPI--", CounterpartyKind.Person)]
    [InlineData("TO TRANSFER-UPI/DR/320155667788/ZOMATO L/YESB/zomato-ord/UPI--", CounterpartyKind.Unknown)]
    // Rail markers and honorifics
    [InlineData("UPI/P2A/412345001234/CHETAN SHAH/Payment/HDFC BANK", CounterpartyKind.Person)]
    [InlineData("IMPS-412345678911-MR KUNAL MEHTA-HDFC-XXXXXXXX7788-LOAN RETURN", CounterpartyKind.Person)]
    [InlineData("UPI/P2M/420033445566/CHAI POINT/UPI/YES BANK", CounterpartyKind.Merchant)]
    // Merchant handles: PhonePe and Paytm QR codes, payment gateways, storefront words, company words
    [InlineData("UPIOUT/420044556677/paytmqr28100505010110/Paid via /5814", CounterpartyKind.Merchant)]
    [InlineData("UPI-SRI MURUGAN PROVISION STORE-q123456789@ybl-YESB0YBLUPI-420077889900-UPI", CounterpartyKind.Merchant)]
    [InlineData("UPI-FLIPKART INTERNET-flipkart.payu@hdfcbank-HDFC0000499-420088990011-Order", CounterpartyKind.Merchant)]
    [InlineData("UPI/SRI SAI FILLING STATION/494587161325/COLLECT", CounterpartyKind.Merchant)]
    [InlineData("POS 416021XXXXXX4455 INDIAN OIL PETROL PUMP POS DEBIT", CounterpartyKind.Merchant)]
    // Banks, card bills and the government
    [InlineData("ATW-416021XXXXXX4455-S1ANPN01-PUNE", CounterpartyKind.BankOrGovernment)]
    [InlineData("TO TRANSFER-INB TIN NSDL-CBDT PAYMENT-ITNS280--", CounterpartyKind.BankOrGovernment)]
    [InlineData("NEFT DR-UTIB0000400-AXIS BANK CREDIT CARD-NETBANK, MUM-N234567890123-CC PAYMENT", CounterpartyKind.BankOrGovernment)]
    // "SELF" on a transfer rail is the user's own account whoever they are
    [InlineData("IMPS-413399887711-RAVI KUMAR-ICIC-XXXXXXXX5678-SELF", CounterpartyKind.OwnAccount)]
    public void Reads_the_counterparty_kind_from_the_narration(string narration, CounterpartyKind kind)
    {
        Assert.Equal(kind, NarrationAnalyzer.Analyze(narration).Kind);
    }

    [Theory]
    // The user's name as banks print it: whole, SBI's 8 characters, with an honorific, middle name dropped
    [InlineData("TO TRANSFER-UPI/DR/320011223344/ANIKET R/HDFC/aniket.sha/UPI--")]
    [InlineData("NEFT-HDFCN52025021498765-MR ANIKET SHARMA-SAVINGS-0001-HDFC0000240")]
    [InlineData("UPI-ANIKET R SHARMA-aniketsharma@okhdfcbank-HDFC0000240-414455667788-transfer")]
    // Or one of the user's own account numbers: whole, or its last four digits behind a mask
    [InlineData("TO TRANSFER-INB IMPS/P2A/414411223344/20012345678/SBIN0001234--")]
    [InlineData("IMPS-414499887766-A R SHARMA-SBIN-XXXXXXX5678-TRANSFER")]
    public void Names_and_account_numbers_from_the_profile_make_a_self_transfer(string narration)
    {
        var info = NarrationAnalyzer.Analyze(narration);

        Assert.Equal(CounterpartyKind.OwnAccount, CounterpartyClassifier.ForUser(info, narration, Aniket));
        Assert.NotEqual(CounterpartyKind.OwnAccount, CounterpartyClassifier.ForUser(info, narration, AccountHolder.None));
    }

    [Theory]
    // Another Aniket, or only the first name: not enough to call it the user's own account
    [InlineData("UPI/ANIKET KULKARNI/318276451092/Paid via CRED")]
    [InlineData("UPI/ANIKET/318276451092/Paid via CRED")]
    // HDFC prints the beneficiary (the user) after the remitter on NEFT credits: the remitter is the counterparty
    [InlineData("NEFT CR-CITI0000004-GLOBEX SOFTWARE SOLUTIONS PVT LTD-ANIKET RAMESH SHARMA-CITIN25034567890")]
    // A bare 4-digit run matching the account's last digits is an MCC here, not an account
    [InlineData("UPIOUT/176612345678/swiggy.rzp@axisbank/Paid via /7812")]
    // An app-export prefix shows the user's own account on every row: it is not the counterparty
    [InlineData("SBI - XX 5678 UPI/BLINKIT/420055667788/Sent from Paytm")]
    public void Lookalikes_are_not_self_transfers(string narration)
    {
        var info = NarrationAnalyzer.Analyze(narration);

        Assert.NotEqual(CounterpartyKind.OwnAccount, CounterpartyClassifier.ForUser(info, narration, Aniket));
    }

    [Fact]
    public void App_export_prefix_is_removed_before_reading()
    {
        var info = NarrationAnalyzer.Analyze("FEDERAL BANK - XX 4521 UPIOUT/422311009988/mansi.jain@okicici/Paid via /0000");

        Assert.Equal(NarrationChannel.Upi, info.Channel);
        Assert.Equal("mansi.jain@okicici", info.Vpa);
        Assert.DoesNotContain("federal", info.Tokens);
        Assert.Equal("UPI/ABC", ExportPrefix.Strip("KOTAK - XX1234 UPI/ABC"));
        Assert.Equal("UPI/ABC", ExportPrefix.Strip("UPI/ABC"));
    }

    [Fact]
    public void A_line_wrap_inside_a_handle_or_word_is_rejoined()
    {
        var info = NarrationAnalyzer.Analyze("UPIOUT/176815570216/cred.club@ax isb/Pai d/5413");

        Assert.Equal("cred.club@axisb", info.Vpa);
        Assert.Equal("axisb", info.VpaDomain);
        Assert.Contains("paid", info.Tokens);
        Assert.DoesNotContain("isb", info.Tokens);
    }

    [Fact]
    public void Federal_upi_narrations_carry_the_merchant_category_code()
    {
        Assert.Equal(5812, NarrationAnalyzer.Analyze("UPIOUT/176612345678/swiggy.rzp@axisbank/Paid via /5812").Mcc);
        Assert.Null(NarrationAnalyzer.Analyze("UPI/SWIGGY/412345678901/UPI").Mcc);
    }

    [Fact]
    public void Sbi_handle_cut_after_the_at_sign_has_no_domain()
    {
        var info = NarrationAnalyzer.Analyze("TO TRANSFER-UPI/DR/221356312527/RITIK  S/SBIN/rs6321908@/UPI--");

        Assert.Equal("rs6321908@", info.Vpa);
        Assert.Null(info.VpaDomain);
        Assert.Equal(CounterpartyKind.Person, info.Kind);
    }
}
