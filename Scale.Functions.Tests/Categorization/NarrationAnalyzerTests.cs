using Scale.Domain.Categorization;

namespace Scale.Functions.Tests.Categorization;

public class NarrationAnalyzerTests
{
    [Theory]
    // Axis / generic UPI P2M and the brief's example
    [InlineData("UPI/P2M/412345678901/SWIGGY/swiggy@ybl/Payment", NarrationChannel.Upi, "SWIGGY")]
    // HDFC UPI: UPI-<name>-<vpa>-<ifsc>-<rrn>-<remark>
    [InlineData("UPI-ZOMATO LTD-zomato.order@hdfcbank-HDFC0000499-412398765432-PAYMENT FROM PHONE", NarrationChannel.Upi, "ZOMATO LTD")]
    // ICICI UPI names no payee, only the VPA: the merchant comes from the handle
    [InlineData("UPI/412345678901/Payment from Ph/swiggy.in@axisbank/YES BANK LIMITED/ICI3f6a2b", NarrationChannel.Upi, "SWIGGY IN")]
    // SBI UPI
    [InlineData("TO TRANSFER-UPI/DR/412345678901/RAMESH KUMAR/SBIN/ramesh.k@oksbi/rent--", NarrationChannel.Upi, "RAMESH KUMAR")]
    // Kotak UPI
    [InlineData("UPI/BIGBASKET/412345678901/UPI", NarrationChannel.Upi, "BIGBASKET")]
    // HDFC card POS
    [InlineData("POS 4591XXXXXXXX1234 AMAZON PAY IN", NarrationChannel.Pos, "AMAZON PAY")]
    [InlineData("POS 416021XXXXXX1234 INDIAN OIL POS DEBIT", NarrationChannel.Pos, "INDIAN OIL")]
    // Kotak card
    [InlineData("PCD/1234/DMART/MUMBAI", NarrationChannel.Pos, "DMART")]
    // NEFT, ICICI and HDFC
    [InlineData("NEFT-HDFCN52024030512345-ACME TECHNOLOGIES PVT LTD-SALARY MAR-0001234567-HDFC0000001", NarrationChannel.Neft, "ACME TECHNOLOGIES PVT LTD")]
    [InlineData("NEFT CR-HDFC0000001-INFOSYS LIMITED-SALARY-HDFCN52024030512345", NarrationChannel.Neft, "INFOSYS LIMITED")]
    // IMPS: HDFC, ICICI (remark before name)
    [InlineData("IMPS-412345678901-SURESH NAIK-HDFC-XXXXXXXX1234-RENT", NarrationChannel.Imps, "SURESH NAIK")]
    [InlineData("MMT/IMPS/412345678901/RENT/PRIYA SHAR/HDFC Bank", NarrationChannel.Imps, "PRIYA SHAR")]
    // ACH / NACH
    [InlineData("ACH D- BAJAJ FINANCE LTD-P400PHN12345678", NarrationChannel.Ach, "BAJAJ FINANCE LTD")]
    [InlineData("NACH DR HDFC LIFE INSURANCE KKBK00000012345678", NarrationChannel.Ach, "HDFC LIFE INSURANCE")]
    // BBPS (ICICI BIL/ONL)
    [InlineData("BIL/ONL/001234567890/BESCOM/123456789", NarrationChannel.Bbps, "BESCOM")]
    // RTGS, card-not-present, cheque, standing instruction
    [InlineData("RTGS CR-SBIN0000001-RELIANCE INDUSTRIES LTD-SBINR52024030512345", NarrationChannel.Rtgs, "RELIANCE INDUSTRIES LTD")]
    [InlineData("ECOM PUR/MAKEMYTRIP/412345678901", NarrationChannel.Ecom, "MAKEMYTRIP")]
    [InlineData("CHQ PAID-MICR CTS-RAMESH KUMAR", NarrationChannel.Cheque, "RAMESH KUMAR")]
    [InlineData("SI-HDFC LIFE INSURANCE-1234567890-PREMIUM", NarrationChannel.StandingInstruction, "HDFC LIFE INSURANCE")]
    // A filler field wrapped with a run of spaces is still filler; quotes, brackets and marker words leave the name.
    [InlineData("UPI/412345678901/PAYMENT   FROM PH/\"(MEERA  NAIR)\" UPI/meera.n@okaxis", NarrationChannel.Upi, "MEERA NAIR")]
    // ATM, interest, fees, cash deposits: no merchant
    [InlineData("BY CASH DEPOSIT-CDM 1234 MUMBAI", NarrationChannel.Cash, null)]
    [InlineData("ATW-416021XXXXXX1234-S1ANMU23-MUMBAI", NarrationChannel.Atm, null)]
    [InlineData("NFS/CASH WDL/412345678901/05-03-2024", NarrationChannel.Atm, null)]
    [InlineData("1234567890:Int.Pd:01-01-2024 to 31-03-2024", NarrationChannel.Interest, null)]
    [InlineData("SMS ALERT CHARGES JAN-MAR", NarrationChannel.Fee, null)]
    [InlineData("GST @18% ON CHARGES", NarrationChannel.Fee, null)]
    public void Extracts_channel_and_merchant_from_real_layouts(string narration, NarrationChannel channel, string? merchant)
    {
        var info = NarrationAnalyzer.Analyze(narration);

        Assert.Equal(channel, info.Channel);
        Assert.Equal(merchant, info.Merchant);
    }

    [Fact]
    public void Vpa_and_its_domain_are_extracted_and_kept_out_of_tokens()
    {
        var info = NarrationAnalyzer.Analyze("UPI/P2M/412345678901/SWIGGY/swiggy@ybl/Payment");

        Assert.Equal("swiggy@ybl", info.Vpa);
        Assert.Equal("ybl", info.VpaDomain);
        Assert.Equal(["upi", "p2m", "swiggy", "payment"], info.Tokens);
        Assert.True(info.HasReference);
    }

    [Fact]
    public void Card_masks_and_reference_numbers_become_flags_not_tokens()
    {
        var info = NarrationAnalyzer.Analyze("POS 4591XXXXXXXX1234 AMAZON PAY IN");

        Assert.True(info.HasCardMask);
        Assert.Equal(["pos", "amazon", "pay"], info.Tokens);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("यूपीआई भुगतान स्विगी 🍕🍔 UPI/P2M/412345678901/स्विगी/Payment")]
    [InlineData("😀😀😀")]
    public void Unusual_text_never_throws(string narration)
    {
        var info = NarrationAnalyzer.Analyze(narration);

        Assert.NotNull(info.Tokens);
    }

    [Fact]
    public void Very_long_narration_is_bounded()
    {
        var info = NarrationAnalyzer.Analyze(string.Concat(Enumerable.Repeat("SWIGGY ORDER ", 800)));

        Assert.True(info.Tokens.Count <= 40);
    }

    [Theory]
    [InlineData("UPI-SWIGGY-swiggy@ybl-YESB0YBLUPI-412345678901-PAYMENT", null, "swiggy")]
    [InlineData("UPI-SWIGGY-swiggy@ybl-YESB0YBLUPI-498765432109-ORDER 42", null, "swiggy")]
    [InlineData("anything at all", "Swiggy Ltd.", "swiggy")]   // a merchant the lexicon knows is keyed by its brand
    [InlineData("anything at all", "Raju Tea-Stall", "raju tea stall")]
    [InlineData("CREDIT INTEREST CAPITALISED", null, "credit interest capitalised")]
    public void Narration_key_ignores_references_and_prefers_the_merchant(string description, string? merchant, string key)
    {
        Assert.Equal(key, NarrationKey.For(description, merchant));
    }
}
