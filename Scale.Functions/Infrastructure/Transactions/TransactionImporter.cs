using Microsoft.Extensions.Logging;
using Npgsql;
using Scale.Domain.Ingestion;
using Scale.Domain.Transactions;

namespace Scale.Functions.Infrastructure.Transactions;

/// <summary>
/// The one import pipeline every path uses (JSON import, statement files, training uploads):
/// validate (<see cref="DraftRules"/>) → skip zero amounts → fingerprint in input order (<see cref="BatchFingerprinter"/>)
/// → enrich (category, display merchant; after the fingerprint so derived fields never change identity) → write.
/// Rows stream through in chunks into one staging COPY inside one database transaction, so a 100,000-row file
/// needs bounded memory, and an exception anywhere (a bad row half-way through a statement, a lost connection)
/// rolls back everything: an import is all or nothing.
/// </summary>
public sealed class TransactionImporter(
    NpgsqlDataSource dataSource,
    ITransactionEnricher enricher,
    ILogger<TransactionImporter> logger)
{
    public const int ChunkSize = 5_000;
    public const int MaxRejectedListed = 5_000;

    /// <param name="inSameTransaction">Runs after the rows are merged and before commit (the blob processor records
    /// the upload's outcome there, so counts and rows commit together).</param>
    public async Task<ImportResult> ImportAsync(
        ImportContext context,
        IEnumerable<ImportCandidate> candidates,
        CancellationToken cancellationToken,
        Func<ImportResult, NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task>? inSameTransaction = null)
    {
        var importId = Guid.CreateVersion7();
        var fingerprinter = new BatchFingerprinter();
        var rejected = new List<RejectedRow>();
        int received = 0, rejectedCount = 0, zero = 0, staged = 0;
        var fingerprints = new List<string>(ChunkSize);
        var drafts = new List<TransactionDraft>(ChunkSize);

        await using var batch = await StagingBatch.BeginAsync(dataSource, cancellationToken);
        foreach (var candidate in candidates)
        {
            received++;
            var errors = candidate.Errors ?? (candidate.Draft is { } d ? DraftRules.Check(d) : ["row: could not be read."]);
            if (errors is { Count: > 0 })
            {
                rejectedCount++;
                if (rejected.Count < MaxRejectedListed) rejected.Add(new RejectedRow(candidate.Index, errors));
                continue;
            }
            var draft = candidate.Draft!;
            if (draft.Amount == 0) { zero++; continue; }

            fingerprints.Add(fingerprinter.Next(draft));
            drafts.Add(draft);
            if (drafts.Count == ChunkSize)
            {
                staged += await FlushAsync(batch, context.UserId, fingerprints, drafts, staged, cancellationToken);
            }
        }
        if (drafts.Count > 0) staged += await FlushAsync(batch, context.UserId, fingerprints, drafts, staged, cancellationToken);

        var inserted = await batch.MergeAsync(context, importId, cancellationToken);
        var result = new ImportResult(importId, received, inserted, staged - inserted, zero, rejectedCount, rejected);
        await batch.RecordImportAsync(context, result, cancellationToken);
        if (inSameTransaction is not null) await batch.RunAsync(result, inSameTransaction, cancellationToken);
        await batch.CommitAsync(cancellationToken);

        logger.LogInformation(
            "Import {ImportId} ({Source}) for {UserId}: {Received} received, {Inserted} inserted, {Duplicates} duplicates, {Zero} zero, {Rejected} rejected",
            importId, context.Source, context.UserId, received, inserted, result.SkippedDuplicates, zero, rejectedCount);
        return result;
    }

    private async Task<int> FlushAsync(StagingBatch batch, string userId, List<string> fingerprints,
        List<TransactionDraft> drafts, int ordinalBase, CancellationToken cancellationToken)
    {
        var enriched = await enricher.EnrichAsync(userId, drafts, cancellationToken);
        if (enriched.Count != drafts.Count)
            throw new InvalidOperationException($"The enricher returned {enriched.Count} drafts for {drafts.Count}.");
        await batch.WriteAsync(fingerprints, enriched, ordinalBase, cancellationToken);
        var count = drafts.Count;
        fingerprints.Clear();
        drafts.Clear();
        return count;
    }
}
