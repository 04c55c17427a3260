using Scale.Domain.Ingestion;
using Scale.Domain.Transactions;

namespace Scale.Functions.Tests.Ingestion;

/// <summary>Issue 12 (2): when the bank's reference identifies a row, and when it cannot.</summary>
public class ReferenceIdentityTests
{
    private static TransactionDraft Draft(string description, string? reference = null, decimal amount = 350m,
        TransactionType type = TransactionType.Debit, string date = "2024-03-03") => new()
    {
        Date = DateOnly.Parse(date), Amount = amount, Type = type, Description = description, Reference = reference,
    };

    [Fact]
    public void Truncated_narration_and_zero_padded_column_give_the_same_key()
    {
        var full = Draft("UPI-SWIGGY-SWIGGY@ICICI-ICIC0DC0099-412412345678-DINNER", "0000412412345678");
        var truncated = Draft("UPI-SWIGGY-SWIGGY@ICICI-ICIC0DC0099-412412345678");
        var columnOnly = Draft("UPI-SWIGGY-SWIGGY@ICI", "412412345678");
        Assert.NotNull(ReferenceIdentity.Key(full));
        Assert.Equal(ReferenceIdentity.Key(full), ReferenceIdentity.Key(truncated));
        Assert.Equal(ReferenceIdentity.Key(full), ReferenceIdentity.Key(columnOnly));
        Assert.NotEqual(TransactionFingerprint.Compute(full), TransactionFingerprint.Compute(truncated));
    }

    [Fact]
    public void Direction_amount_and_date_stay_in_the_key()
    {
        var payment = Draft("UPI-SWIGGY-412412345678");
        Assert.NotEqual(ReferenceIdentity.Key(payment), ReferenceIdentity.Key(payment with { Type = TransactionType.Credit }));
        Assert.NotEqual(ReferenceIdentity.Key(payment), ReferenceIdentity.Key(payment with { Amount = 351m }));
        Assert.NotEqual(ReferenceIdentity.Key(payment), ReferenceIdentity.Key(payment with { Date = new DateOnly(2024, 3, 4) }));
    }

    [Theory]
    [InlineData("4.12E+11")] // Excel dropped its digits
    [InlineData("734")]      // too short to identify a transaction
    [InlineData("NA")]
    [InlineData("ABCDEFGH")] // no digits
    [InlineData(null)]
    public void A_reference_that_cannot_identify_the_row_gives_no_key(string? reference) =>
        Assert.Null(ReferenceIdentity.Key(Draft("POS 416021XXXXXX5678 FLIPKART INTERNET", reference)));

    [Fact]
    public void A_batch_gives_a_key_once_and_never_to_a_repeated_identical_row()
    {
        var keys = new BatchReferenceKeys();
        var charge = Draft("UPI-CHARGE-412412345678");
        var sameReference = Draft("UPI-CHARGE-412412345678-REVERSAL OF");
        Assert.NotNull(keys.Next(charge));
        Assert.Null(keys.Next(sameReference)); // two genuine rows sharing a key: the fingerprint tells them apart
        Assert.Null(new BatchReferenceKeys().Next(charge, occurrence: 1, out var reference));
        Assert.Equal("412412345678", reference); // still stored as the row's reference
    }
}
