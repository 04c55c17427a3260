using Scale.Domain.Transactions;

namespace Scale.Domain.Ingestion;

/// <summary>
/// Fills derived fields of drafts on their way into the store: <see cref="TransactionDraft.Category"/> where the
/// source gave none, and a display <see cref="TransactionDraft.Merchant"/> where it is missing. Called by the import
/// pipeline AFTER fingerprinting, so nothing an enricher derives (or changes between model versions) can ever
/// change a transaction's identity.
/// </summary>
public interface ITransactionEnricher
{
    /// <summary>
    /// Reads everything enriching this user's rows needs (their rules live in Postgres). The pipeline calls it
    /// once per import, BEFORE it opens the import's own connection: an import never holds two pooled connections,
    /// so N concurrent imports cannot starve a pool of N.
    /// </summary>
    ValueTask<IDraftEnricher> PrepareAsync(string userId, CancellationToken cancellationToken);
}

/// <summary>One user's enrichment, with no I/O left to do; called once per chunk of a batch.</summary>
public interface IDraftEnricher
{
    /// <returns>The drafts in the same order and count; fields the source supplied are left as they are.</returns>
    IReadOnlyList<TransactionDraft> Enrich(IReadOnlyList<TransactionDraft> drafts);
}
