using Scale.Domain.Categorization;

namespace Scale.Functions.Tests.Categorization;

/// <summary>Issue 12 (2): the bank's own reference, read from narrations as HDFC, ICICI, SBI and Axis print them.</summary>
public class NarrationReferenceTests
{
    [Theory]
    [InlineData("UPI-SWIGGY-SWIGGY@ICICI-ICIC0DC0099-412412345678-DINNER", BankReferenceKind.Rrn, "412412345678")]
    [InlineData("UPI/412412345678/SWIGGY/swiggy@icici/ICICI Bank/Payment", BankReferenceKind.Rrn, "412412345678")]
    [InlineData("TO TRANSFER-UPI/DR/412412345678/SWIGGY/ICIC/swiggy@icici/Payment--", BankReferenceKind.Rrn, "412412345678")]
    [InlineData("IMPS-404112345678-RAMESH KUMAR-SBIN-XXXXXXX1234-RENT", BankReferenceKind.Rrn, "404112345678")]
    [InlineData("MMT/IMPS/404112345678/RENT/RAMESH KUMAR/SBIN0001234", BankReferenceKind.Rrn, "404112345678")]
    [InlineData("NEFT CR-SBIN0001234-RAMESH KUMAR-SBIN424012345678", BankReferenceKind.Utr, "SBIN424012345678")]
    [InlineData("RTGS CR-HDFC0000001-ACME LTD-HDFCR52024010112345678", BankReferenceKind.Utr, "HDFCR52024010112345678")]
    [InlineData("CHQ NO 000123 PAID TO RAMESH", BankReferenceKind.Cheque, "000123")]
    [InlineData("POS 416021XXXXXX5678 AMAZON PAY AUTH CODE 834512", BankReferenceKind.AuthCode, "834512")]
    // The cheap pre-checks (six digits, '@', "AUTH") must not hide these: lower case, the minimum digits, a VPA with
    // digits beside the RRN.
    [InlineData("pos 416021xxxxxx5678 amazon pay auth code 834512", BankReferenceKind.AuthCode, "834512")]
    [InlineData("CHQ 654321 CLEARING", BankReferenceKind.Cheque, "654321")]
    [InlineData("UPI-ASHA-asha.9876@okaxis-UTIB0000001-412412345678-RENT", BankReferenceKind.Rrn, "412412345678")]
    public void Reference_is_read_by_rail(string narration, BankReferenceKind kind, string value) =>
        Assert.Equal(new BankReference(kind, value), NarrationAnalyzer.ReferenceOf(narration));

    [Theory]
    [InlineData("UPI-RAMESH-919876543210@YBL-YESB0YBLUPI-PAYMENT")] // a phone-number handle is not an RRN
    [InlineData("CHQ 65432 CLEARING")]                                // five digits cannot be any reference
    [InlineData("POS 416021XXXXXX5678 AMAZON PAY IN E-COMM")]         // a card mask is not a reference
    [InlineData("SALARY 202403 ACME 123456789012")]                   // 12 digits outside UPI/IMPS
    [InlineData("NEFT CR-SBIN0001234-RAMESH KUMAR SHARMAJI")]         // IFSC (11) and words are not UTRs
    [InlineData("")]
    public void No_reference_when_the_narration_names_none(string narration) =>
        Assert.Null(NarrationAnalyzer.ReferenceOf(narration));
}
