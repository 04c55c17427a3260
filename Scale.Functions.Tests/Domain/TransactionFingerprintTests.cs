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

    [Fact]
    public void Issue15_a_separator_inside_a_field_cannot_move_text_into_the_next_field()
    {
        var left = Coffee("A\u001FB") with { Merchant = "C" };
        var right = Coffee("A") with { Merchant = "B\u001FC" };
        Assert.NotEqual(TransactionFingerprint.Compute(left), TransactionFingerprint.Compute(right));
        Assert.DoesNotContain('\u001F', TransactionFingerprint.Normalize("A\u001FB"));
    }

    [Fact]
    public void Issue15_control_characters_count_as_whitespace()
    {
        Assert.Equal(TransactionFingerprint.Compute(Coffee("UPI CAFE")), TransactionFingerprint.Compute(Coffee("\u0001UPI\u001F\u0007CAFE\u001E")));
    }

    /// <summary>
    /// The separator fix must not move any stored identity without a control character: this value was computed
    /// by the code before issue 15 (SHA-256 of "v1␟2024-03-05␟180.00␟debit␟INR␟UPI/CAFE COFFEE DAY/123␟␟␟␟0").
    /// </summary>
    [Fact]
    public void Identities_without_control_characters_are_unchanged()
    {
        Assert.Equal("009ee22f038940146c3bd5411cdc01d1afd0f1d42cd1cb77f0db8d1cb0d5924a", TransactionFingerprint.Compute(Coffee()));
    }

    [Fact]
    public void Issue15_counting_can_continue_from_an_earlier_part_of_the_statement()
    {
        var key = TransactionFingerprint.CanonicalKey(Coffee());
        var whole = new BatchFingerprinter();
        var expected = new[] { whole.Next(Coffee()), whole.Next(Coffee()), whole.Next(Coffee()) };

        var second = new BatchFingerprinter(new Dictionary<string, int> { [TransactionFingerprint.KeyHash(key)] = 2 });
        Assert.Equal(expected[2], second.Next(Coffee(), out var hash));
        Assert.Equal(TransactionFingerprint.KeyHash(key), hash);
    }
}
