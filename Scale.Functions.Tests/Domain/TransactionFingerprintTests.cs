using Scale.Domain.Ingestion;
using Scale.Domain.Transactions;

namespace Scale.Functions.Tests.Domain;

public class TransactionFingerprintTests
{
    private static TransactionDraft Coffee(string description = "UPI/CAFE COFFEE DAY/123") => new()
    {
        Date = new DateOnly(2024, 3, 5), Amount = 180m, Type = TransactionType.Debit, Description = description,
    };

    [Fact]
    public void Whitespace_and_case_do_not_change_identity()
    {
        Assert.Equal(
            TransactionFingerprint.Compute(Coffee("UPI/CAFE COFFEE DAY/123")),
            TransactionFingerprint.Compute(Coffee("  upi/cafe   coffee day/123 ")));
    }

    [Fact]
    public void Amount_is_compared_to_two_decimals()
    {
        Assert.Equal(
            TransactionFingerprint.Compute(Coffee() with { Amount = 180m }),
            TransactionFingerprint.Compute(Coffee() with { Amount = 180.00m }));
        Assert.NotEqual(
            TransactionFingerprint.Compute(Coffee() with { Amount = 180m }),
            TransactionFingerprint.Compute(Coffee() with { Amount = 180.01m }));
    }

    [Fact]
    public void Identical_rows_in_one_batch_get_distinct_fingerprints_that_repeat_on_reimport()
    {
        var first = new BatchFingerprinter();
        var a = new[] { first.Next(Coffee()), first.Next(Coffee()) };
        var second = new BatchFingerprinter();
        var b = new[] { second.Next(Coffee()), second.Next(Coffee()) };

        Assert.NotEqual(a[0], a[1]);
        Assert.Equal(a, b);
    }

    [Fact]
    public void Every_canonical_field_takes_part()
    {
        var baseline = TransactionFingerprint.Compute(Coffee());
        var variants = new[]
        {
            Coffee() with { Date = new DateOnly(2024, 3, 6) },
            Coffee() with { Type = TransactionType.Credit },
            Coffee() with { Currency = "USD" },
            Coffee() with { Merchant = "CCD" },
            Coffee() with { PaymentMethod = "UPI" },
            Coffee() with { Reference = "4051" },
        };
        Assert.All(variants, v => Assert.NotEqual(baseline, TransactionFingerprint.Compute(v)));
    }

    [Fact]
    public void Fingerprint_is_lowercase_sha256_hex()
    {
        Assert.Matches("^[0-9a-f]{64}$", TransactionFingerprint.Compute(Coffee()));
    }
}
