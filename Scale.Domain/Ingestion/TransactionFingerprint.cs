using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Scale.Domain.Transactions;

namespace Scale.Domain.Ingestion;

/// <summary>
/// The one transaction identity used by every import path. Stored with uniqueness (user_id, fingerprint).
///
/// Canonical form (fields joined by U+001F, UTF-8, SHA-256, lower-case hex):
///   v1 | date yyyy-MM-dd | amount with exactly 2 decimals, invariant culture | "debit"/"credit" | currency |
///   normalized description | normalized merchant | normalized payment method | normalized reference | occurrence
/// where "normalized" is: trimmed, every run of whitespace or control characters collapsed to one space,
/// upper-cased (invariant), empty when absent. No normalized field can contain U+001F (a control character), so
/// the joined text splits back into its fields one way only: description "A␟B" + merchant "C" and description
/// "A" + merchant "B␟C" are different identities (before issue 15 they collided). Control characters were kept
/// verbatim until then; no other text changed, so every stored identity without a control character in a field is
/// bit-for-bit the same (pinned by a test) and the version stays v1. See Scale.Domain/Ingestion/README.md,
/// "Identity", for what this means for rows stored before the change.
///
/// Occurrence is the 0-based index of this row among identical rows (same canonical key) in its batch: one JSON
/// request, one statement file, or, when the client names a statement (statement_key), the whole statement
/// across requests, counted by the row's position in it (<see cref="BatchFingerprinter"/> seeded with the counts
/// before the request's first row). So two equal coffees on one day are two rows, importing them again yields the
/// same fingerprints and inserts nothing, and splitting a statement into requests changes nothing. Changing this
/// format changes identities: add a new version prefix instead of editing it.
/// </summary>
public static class TransactionFingerprint
{
    private const char Separator = '\u001F';
    private const string Version = "v1";

    /// <summary>The canonical key without the occurrence index: equal keys are "identical rows".</summary>
    public static string CanonicalKey(TransactionDraft draft)
    {
        var sb = new StringBuilder(128);
        sb.Append(Version).Append(Separator)
          .Append(draft.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(Separator)
          .Append(decimal.Round(draft.Amount, 2, MidpointRounding.AwayFromZero).ToString("F2", CultureInfo.InvariantCulture)).Append(Separator)
          .Append(draft.Type.ToWire()).Append(Separator)
          .Append(Normalize(draft.Currency)).Append(Separator)
          .Append(Normalize(draft.Description)).Append(Separator)
          .Append(Normalize(draft.Merchant)).Append(Separator)
          .Append(Normalize(draft.PaymentMethod)).Append(Separator)
          .Append(Normalize(draft.Reference));
        return sb.ToString();
    }

    /// <summary>Fingerprint of the <paramref name="occurrence"/>-th identical row of a batch.</summary>
    public static string Compute(string canonicalKey, int occurrence)
    {
        var text = string.Concat(canonicalKey, Separator.ToString(), occurrence.ToString(CultureInfo.InvariantCulture));
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>SHA-256 (lower-case hex) of a canonical key: names "identical rows" without storing their text.</summary>
    public static string KeyHash(string canonicalKey) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalKey)));

    public static string Compute(TransactionDraft draft, int occurrence = 0) => Compute(CanonicalKey(draft), occurrence);

    internal static string Normalize(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return string.Empty;
        var sb = new StringBuilder(value.Length);
        var pendingSpace = false;
        foreach (var ch in value.AsSpan().Trim())
        {
            // Control characters count as whitespace: the separator U+001F must never reach the joined text.
            if (char.IsWhiteSpace(ch) || char.IsControl(ch)) { pendingSpace = true; continue; }
            if (pendingSpace && sb.Length > 0) sb.Append(' ');
            pendingSpace = false;
            sb.Append(char.ToUpperInvariant(ch));
        }
        return sb.ToString();
    }
}

/// <summary>
/// Assigns fingerprints to a batch in order, giving identical rows increasing occurrence indexes.
/// One instance per batch (one request, one file); not thread-safe. For one part of a statement sent in several
/// requests, <paramref name="occurrencesBefore"/> holds how many rows of each canonical key (by
/// <see cref="TransactionFingerprint.KeyHash"/>) the statement has before this part, so counting continues there.
/// </summary>
public sealed class BatchFingerprinter(IReadOnlyDictionary<string, int>? occurrencesBefore = null)
{
    private readonly Dictionary<string, int> _seen = new(StringComparer.Ordinal);

    /// <summary>The occurrence index the last <see cref="Next(TransactionDraft, out string?)"/> gave (0 = first of its kind).</summary>
    public int LastOccurrence { get; private set; }

    public string Next(TransactionDraft draft) => Next(draft, out _);

    /// <param name="keyHash">The canonical key's hash when counting continues a statement (else null).</param>
    public string Next(TransactionDraft draft, out string? keyHash)
    {
        var key = TransactionFingerprint.CanonicalKey(draft);
        keyHash = occurrencesBefore is null ? null : TransactionFingerprint.KeyHash(key);
        ref var count = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_seen, key, out var existed);
        if (!existed && keyHash is not null && occurrencesBefore!.TryGetValue(keyHash, out var before)) count = before;
        LastOccurrence = count;
        return TransactionFingerprint.Compute(key, count++);
    }
}
