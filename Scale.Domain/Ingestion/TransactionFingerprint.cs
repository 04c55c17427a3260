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
/// where "normalized" is: trimmed, internal whitespace runs collapsed to one space, upper-cased (invariant), empty
/// when absent; and occurrence is the 0-based index of this row among identical rows (same canonical fields) in
/// the same batch. So two equal coffees on one day in one statement are two rows, and importing that statement
/// again yields the same two fingerprints and inserts nothing. Changing this format changes every identity:
/// add a new version prefix instead of editing it.
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

    public static string Compute(TransactionDraft draft, int occurrence = 0) => Compute(CanonicalKey(draft), occurrence);

    internal static string Normalize(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return string.Empty;
        var sb = new StringBuilder(value.Length);
        var pendingSpace = false;
        foreach (var ch in value.AsSpan().Trim())
        {
            if (char.IsWhiteSpace(ch)) { pendingSpace = true; continue; }
            if (pendingSpace) { sb.Append(' '); pendingSpace = false; }
            sb.Append(char.ToUpperInvariant(ch));
        }
        return sb.ToString();
    }
}

/// <summary>
/// Assigns fingerprints to a batch in order, giving identical rows increasing occurrence indexes.
/// One instance per batch (one request, one file); not thread-safe.
/// </summary>
public sealed class BatchFingerprinter
{
    private readonly Dictionary<string, int> _seen = new(StringComparer.Ordinal);

    public string Next(TransactionDraft draft)
    {
        var key = TransactionFingerprint.CanonicalKey(draft);
        ref var count = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_seen, key, out _);
        return TransactionFingerprint.Compute(key, count++);
    }
}
