using Scale.Domain.Transactions;

namespace Scale.Domain.Ingestion;

/// <summary>
/// One input row of an import as the pipeline receives it: a draft, or the reasons the source could not make one.
/// <paramref name="Index"/> is the row's position in the request (0-based) or its line in the file.
/// </summary>
public readonly record struct ImportCandidate(int Index, TransactionDraft? Draft, IReadOnlyList<string>? Errors = null)
{
    public static ImportCandidate Valid(int index, TransactionDraft draft) => new(index, draft);

    public static ImportCandidate Invalid(int index, IReadOnlyList<string> errors) => new(index, null, errors);
}

/// <summary>A row that was not imported and why (API: rejected[{index, errors}]).</summary>
public sealed record RejectedRow(int Index, IReadOnlyList<string> Errors);
