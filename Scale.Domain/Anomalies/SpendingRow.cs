namespace Scale.Domain.Anomalies;

/// <summary>
/// One stored debit as the detectors see it. <paramref name="Merchant"/> is the resolved merchant the importer
/// stores (the brand from the lexicon, or what the source supplied); null when none could be read.
/// </summary>
public sealed record SpendingRow(long Id, DateOnly Date, decimal Amount, string Currency, string Description, string? Merchant, string? Category)
{
    /// <summary>Rows of one merchant group together whatever the spelling's case or spacing; currencies never mix.</summary>
    internal string? MerchantKey { get; } = Normalize(Merchant) is { Length: > 0 } m ? Currency + "|" + m : null;

    internal string? CategoryKey { get; } = Normalize(Category) is { Length: > 0 } c ? Currency + "|" + c : null;

    /// <summary>The narration as the fingerprint compares it (case and whitespace runs do not count).</summary>
    internal string DescriptionKey { get; } = Normalize(Description) ?? string.Empty;

    private static string? Normalize(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();
}

/// <summary>One alert: which transaction, what kind, how sure (0..1, 0.5 at the detector's threshold), and why.</summary>
public sealed record Anomaly(long TransactionId, AnomalyKind Kind, double Score, string Explanation);
