using Scale.Domain.Transactions;

namespace Scale.Domain.Ingestion;

/// <summary>
/// Fills derived fields of drafts on their way into the store: <see cref="TransactionDraft.Category"/> where the
/// source gave none, and a display <see cref="TransactionDraft.Merchant"/> where it is missing. Called by the import
/// pipeline AFTER fingerprinting, so nothing an enricher derives (or changes between model versions) can ever
/// change a transaction's identity. Async because user rules live in Postgres; called once per chunk of a batch.
/// </summary>
public interface ITransactionEnricher
{
    /// <returns>The drafts in the same order and count; fields the source supplied are left as they are.</returns>
    ValueTask<IReadOnlyList<TransactionDraft>> EnrichAsync(string userId, IReadOnlyList<TransactionDraft> drafts,
        CancellationToken cancellationToken);
}
