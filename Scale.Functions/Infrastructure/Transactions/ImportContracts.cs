using Scale.Domain.Ingestion;

namespace Scale.Functions.Infrastructure.Transactions;

/// <summary>
/// Who imports and through which path ("api", "statement", "training"); <paramref name="UploadId"/> for files;
/// <paramref name="Statement"/> when the rows are one part of a statement sent in several requests.
/// </summary>
public sealed record ImportContext(string UserId, string Source, Guid? UploadId = null, StatementPart? Statement = null);

/// <summary>
/// What an import did. <see cref="Rejected"/> lists at most <see cref="TransactionImporter.MaxRejectedListed"/>
/// rows (the JSON API has at most 5,000); <see cref="RejectedCount"/> is the full count.
/// </summary>
public sealed record ImportResult(
    Guid ImportId,
    int Received,
    int Inserted,
    int SkippedDuplicates,
    int SkippedZeroAmount,
    int RejectedCount,
    IReadOnlyList<RejectedRow> Rejected)
{
    /// <summary>The first <see cref="TransactionImporter.MaxDuplicatesListed"/> rows that were already stored, in input
    /// order, each with the stored transaction it matched (by fingerprint or bank reference).</summary>
    public IReadOnlyList<DuplicateRow> Duplicates { get; init; } = [];

    /// <summary>Own-account transfer pairs this import's rows completed (<see cref="TransferLinks"/>).</summary>
    public int TransfersLinked { get; init; }

    /// <summary>Of the inserted rows, those whose category SCALE chose (a rule, the model, or Uncategorized).</summary>
    public int CategorizedByScale { get; init; }
}

/// <summary>An input row (its <see cref="ImportCandidate.Index"/>) that matched stored transaction <paramref name="TransactionId"/>.</summary>
public sealed record DuplicateRow(int Index, long TransactionId);

/// <summary>What one chunk's merge stored: its new rows, and how many of them carry a category SCALE chose
/// (<see cref="Scale.Domain.Transactions.CategorySources.ChosenByScale"/>).</summary>
public readonly record struct ChunkWritten(int Inserted, int CategorizedByScale)
{
    public static ChunkWritten operator +(ChunkWritten left, ChunkWritten right) =>
        new(left.Inserted + right.Inserted, left.CategorizedByScale + right.CategorizedByScale);
}

/// <summary>Per-row identity of one chunk, parallel to its drafts.</summary>
public sealed record ChunkRows(List<string> Fingerprints, List<string?> ReferenceKeys, List<int> SourceIndexes)
{
    public static ChunkRows WithCapacity(int capacity) => new(new(capacity), new(capacity), new(capacity));
}
