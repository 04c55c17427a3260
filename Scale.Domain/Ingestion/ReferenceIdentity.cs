using System.Globalization;
using Scale.Domain.Categorization;
using Scale.Domain.Transactions;

namespace Scale.Domain.Ingestion;

/// <summary>
/// The second identity of a transaction: the bank's own reference. Two rows with the same reference key are one
/// transaction even when their narrations, merchants or layouts differ (a truncated XLS narration and the full CSV
/// one; a layout with a "Chq./Ref.No." column and one without). Stored as <c>transactions.reference_key</c>,
/// unique per user where present; the fingerprint (<see cref="TransactionFingerprint"/>) stays the identity of
/// every row, and a row is a duplicate when EITHER matches a stored row.
///
/// Canonical form (U+001F separated, SHA-256 hex): r1 | date yyyy-MM-dd | amount F2 | debit/credit | currency |
/// reference. The reference is the one the narration names (<see cref="NarrationAnalyzer.ReferenceOf"/>: RRN, UTR,
/// cheque number, card authorization code), else the row's reference column; upper case, and an all-digit value
/// without leading zeros, so HDFC's "0000412345678901" column and the "412345678901" in its narration agree. Date,
/// amount and direction stay in the key: a refund carries the RRN of its payment (other direction), and a 6-digit
/// cheque number or authorization code recurs over the years, never on the same day for the same amount.
///
/// No reference key (the fingerprint alone decides) when: the row has no reference; the reference is shorter than
/// 6 characters or has fewer than 4 digits (a branch code or "NA" is not a transaction's identity); the column
/// holds a number Excel wrote in scientific notation ("4.12E+11" lost its digits); or a second row of the same
/// batch has the same key (two genuine rows sharing a reference, e.g. a bank printing one reference on a charge and
/// its reversal for the same amount) or the row is identical to an earlier one (occurrence &gt; 0): the first keeps
/// the key, later ones are told apart by the fingerprint only.
/// </summary>
public static class ReferenceIdentity
{
    private const char Separator = '\u001F';
    private const string Version = "r1";
    private const int MinLength = 6;
    private const int MinDigits = 4;

    /// <summary>The bank reference used for identity and stored in <c>reference</c> when the source gave none.</summary>
    public static string? BankReference(TransactionDraft draft)
    {
        if (NarrationAnalyzer.ReferenceOf(draft.Description) is { } fromNarration) return Usable(fromNarration.Value);
        return Usable(draft.Reference);
    }

    /// <summary>The reference key of a row, or null when its reference cannot identify it (see the type's summary).</summary>
    public static string? Key(TransactionDraft draft) => Key(draft, BankReference(draft));

    /// <param name="reference">The row's <see cref="BankReference"/> (null: no key).</param>
    public static string? Key(TransactionDraft draft, string? reference)
    {
        if (reference is null) return null;
        var text = string.Join(Separator,
            Version,
            draft.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            decimal.Round(draft.Amount, 2, MidpointRounding.AwayFromZero).ToString("F2", CultureInfo.InvariantCulture),
            draft.Type.ToWire(),
            TransactionFingerprint.Normalize(draft.Currency),
            reference);
        return TransactionFingerprint.KeyHash(text);
    }

    internal static string? Usable(string? reference)
    {
        var value = TransactionFingerprint.Normalize(reference);
        if (value.Contains("E+", StringComparison.Ordinal)) return null;
        if (value.All(char.IsAsciiDigit)) value = value.TrimStart('0');
        if (value.Length < MinLength || value.Count(char.IsAsciiDigit) < MinDigits) return null;
        return value;
    }
}

/// <summary>
/// Reference keys of one batch in order: a key already given in the batch is not given again (null), and a row
/// identical to an earlier one (<paramref name="occurrence"/> &gt; 0, counted across a statement's parts) gets none,
/// so a statement split into parts stores exactly what one request would.
/// </summary>
public sealed class BatchReferenceKeys
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    public string? Next(TransactionDraft draft) => Next(draft, 0, out _);

    /// <param name="reference">The row's bank reference (<see cref="ReferenceIdentity.BankReference"/>), key or not.</param>
    public string? Next(TransactionDraft draft, int occurrence, out string? reference)
    {
        reference = ReferenceIdentity.BankReference(draft);
        return occurrence == 0 && ReferenceIdentity.Key(draft, reference) is { } key && _seen.Add(key) ? key : null;
    }
}
