using Microsoft.Extensions.Logging;
using Npgsql;
using Scale.Domain.Ingestion;
using Scale.Domain.Transactions;
using Scale.Functions.Infrastructure.Categorization;

namespace Scale.Functions.Infrastructure.Transactions;

/// <summary>
/// The one import pipeline every path uses (JSON import, statement files, training uploads):
/// validate (<see cref="DraftRules"/>) → skip zero amounts → fingerprint in input order (<see cref="BatchFingerprinter"/>)
/// → enrich (category, display merchant; after the fingerprint so derived fields never change identity) → write.
/// Rows stream through in chunks into one staging COPY inside one database transaction, so a 100,000-row file
/// needs bounded memory, and an exception anywhere (a bad row half-way through a statement, a lost connection)
/// rolls back everything: an import is all or nothing. What enrichment reads (the user's rules) is read before the
/// import's connection opens, so an import holds one pooled connection, never two. For one part of a statement
/// sent in several requests (<see cref="ImportContext.Statement"/>), occurrence counting continues from the parts
/// already stored (<see cref="StatementOccurrences"/>, on the import's own transaction). New rows that name an
/// account are matched into own-account transfer pairs before the commit (<see cref="TransferLinks"/>).
/// </summary>
public sealed class TransactionImporter(
    NpgsqlDataSource dataSource,
    ITransactionEnricher enricher,
    UserTransactionsChanged changed,
    ILogger<TransactionImporter> logger)
{
    /// <summary>
    /// Rows per staging COPY + merge. While Postgres merges one chunk this thread reads, fingerprints and categorizes
    /// the next, so smaller chunks overlap more; a chunk's merge has no cost that grows with the user's stored rows
    /// (ON CONFLICT is its only duplicate check), only a few round trips. bench/Ingestion, 2026-12-07: 20,000-row
    /// chunks 17.4k (statement) / 16.6k (JSON, 20 × 5,000) rows/s end to end; 2,500: 18.8k / 18.5k, and 18.7k–21.2k
    /// for JSON alone; 1,250: 19.3k / 19.7k and 20.5k–20.8k. A 5,000-row JSON import is two chunks.
    /// </summary>
    public const int ChunkSize = 2_500;
    public const int MaxRejectedListed = 5_000;
    /// <summary>Duplicates listed with the stored row they matched (the count is always exact).</summary>
    public const int MaxDuplicatesListed = 1_000;

    /// <param name="inSameTransaction">Runs after the rows are merged and before commit (the blob processor records
    /// the upload's outcome there, so counts and rows commit together).</param>
    public async Task<ImportResult> ImportAsync(
        ImportContext context,
        IEnumerable<ImportCandidate> candidates,
        CancellationToken cancellationToken,
        Func<ImportResult, NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task>? inSameTransaction = null)
    {
        var result = await ImportRowsAsync(context, candidates, inSameTransaction, cancellationToken);
        // After the import's connection went back to the pool: a listener (alerts, forecasts) reads the user's rows
        // on a connection of its own, and an import must never hold two (a pool of one would deadlock).
        if (result.Inserted > 0) await changed.NotifyAsync(context.UserId, TransactionsChangeKind.Imported, cancellationToken);
        if (result.TransfersLinked > 0) await changed.NotifyAsync(context.UserId, TransactionsChangeKind.TransferLinkChanged, cancellationToken);
        return result;
    }

    private async Task<ImportResult> ImportRowsAsync(
        ImportContext context,
        IEnumerable<ImportCandidate> candidates,
        Func<ImportResult, NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task>? inSameTransaction,
        CancellationToken cancellationToken)
    {
        var importId = Guid.CreateVersion7();
        var rejected = new List<RejectedRow>();
        int received = 0, rejectedCount = 0, zero = 0, staged = 0;
        ChunkWritten written = default;
        var rows = ChunkRows.WithCapacity(ChunkSize);
        var duplicates = new List<DuplicateRow>();
        var referenceKeys = new BatchReferenceKeys();
        var drafts = new List<TransactionDraft>(ChunkSize);
        var transferScope = new TransferScope();

        var (enrich, batch) = await PrepareAsync(context.UserId, cancellationToken);
        await using var _ = batch;
        var statement = context.Statement;
        var fingerprinter = statement is null ? new BatchFingerprinter()
            : new BatchFingerprinter(await batch.UseAsync((c, t) => StatementOccurrences.BeginAsync(c, t, context.UserId, statement, cancellationToken)));
        List<int> positions = [];
        List<string> keyHashes = [];
        // The chunk Postgres is merging while this thread reads and fingerprints the next one: parsing and the
        // database overlap instead of adding up. One chunk in flight at a time (one connection).
        Task<ChunkWritten>? inFlight = null;
        try
        {
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

                rows.Fingerprints.Add(fingerprinter.Next(draft, out var keyHash));
                rows.ReferenceKeys.Add(referenceKeys.Next(draft, fingerprinter.LastOccurrence, out var bankReference));
                rows.SourceIndexes.Add(candidate.Index);
                if (statement is not null)
                {
                    positions.Add(statement.Offset + candidate.Index);
                    keyHashes.Add(keyHash!);
                }
                // The bank's reference goes into `reference` when the source had none; after the fingerprint, which
                // is computed from what the source gave (stored identities do not move).
                drafts.Add(draft.Reference is null && bankReference is not null ? draft with { Reference = bankReference } : draft);
                transferScope.Add(draft);
                if (drafts.Count == ChunkSize)
                {
                    (inFlight, written) = await SendAsync(batch, enrich, context, importId, rows, drafts, staged, inFlight, written, duplicates, cancellationToken);
                    staged += drafts.Count;
                    rows = ChunkRows.WithCapacity(ChunkSize);
                    drafts = new List<TransactionDraft>(ChunkSize);
                }
            }
            if (drafts.Count > 0)
            {
                (inFlight, written) = await SendAsync(batch, enrich, context, importId, rows, drafts, staged, inFlight, written, duplicates, cancellationToken);
                staged += drafts.Count;
            }
            if (inFlight is not null) written += await inFlight;
            inFlight = null;
        }
        finally
        {
            // A bad row or a cancellation while a chunk is in flight: let it finish before the rollback.
            if (inFlight is not null)
            {
                try { await inFlight; }
                catch (Exception ex) { logger.LogDebug(ex, "Chunk write abandoned with import {ImportId}", importId); }
            }
        }

        if (statement is not null)
            await batch.UseAsync(async (c, t) =>
            {
                await StatementOccurrences.RecordAsync(c, t, context.UserId, statement, positions, keyHashes, received, cancellationToken);
                return true;
            });
        var inserted = written.Inserted;
        var linked = inserted == 0 ? 0
            : await batch.UseAsync((c, t) => TransferLinks.LinkImportedAsync(c, t, context.UserId, importId, transferScope, cancellationToken));
        var result = new ImportResult(importId, received, inserted, staged - inserted, zero, rejectedCount, rejected)
            { Duplicates = duplicates, TransfersLinked = linked, CategorizedByScale = written.CategorizedByScale };
        await batch.RecordImportAsync(context, result, cancellationToken);
        if (inSameTransaction is not null) await batch.RunAsync(result, inSameTransaction, cancellationToken);
        await batch.CommitAsync(cancellationToken);

        logger.LogInformation(
            "Import {ImportId} ({Source}) for {UserId}: {Received} received, {Inserted} inserted ({CategorizedByScale} categorized by SCALE), {Duplicates} duplicates, {Zero} zero, {Rejected} rejected, {TransfersLinked} transfers linked",
            importId, context.Source, context.UserId, received, inserted, written.CategorizedByScale, result.SkippedDuplicates, zero, rejectedCount, linked);
        return result;
    }

    /// <summary>Attempts at reading the user's rules and renames before the import proceeds with what it last read.</summary>
    private const int MaxPrepareAttempts = 3;

    /// <summary>
    /// Reads what enrichment needs (the user's rules and renames), then opens the import's transaction, which waits
    /// for the user's import lock. The read comes first because an import never holds two pooled connections. Feedback
    /// and rename undo take the same lock, so once it is held they cannot change the rules until the commit; if they
    /// changed them between the read and the lock (<see cref="CategorizationStamp"/>), the transaction is given up
    /// before anything was written and the read repeated, at most <see cref="MaxPrepareAttempts"/> times.
    /// </summary>
    private async Task<(IDraftEnricher Enrich, StagingBatch Batch)> PrepareAsync(string userId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var seen = await CategorizationStamp.ReadAsync(dataSource, userId, cancellationToken);
            var enrich = await enricher.PrepareAsync(userId, cancellationToken);
            var batch = await StagingBatch.BeginAsync(dataSource, userId, cancellationToken);
            try
            {
                if (attempt == MaxPrepareAttempts
                    || await batch.UseAsync((c, t) => CategorizationStamp.ReadAsync(c, t, userId, cancellationToken)) == seen)
                    return (enrich, batch);
            }
            catch
            {
                await batch.DisposeAsync();
                throw;
            }
            await batch.DisposeAsync();
            logger.LogDebug("Rules or renames of {UserId} changed while an import was preparing; reading them again", userId);
        }
    }

    /// <summary>Enriches a full chunk, waits for the previous chunk's write, and starts this one's.</summary>
    private static async Task<(Task<ChunkWritten> InFlight, ChunkWritten Written)> SendAsync(StagingBatch batch, IDraftEnricher enricher, ImportContext context, Guid importId,
        ChunkRows rows, List<TransactionDraft> drafts, int ordinalBase, Task<ChunkWritten>? previous, ChunkWritten written,
        List<DuplicateRow> duplicates, CancellationToken cancellationToken)
    {
        var enriched = enricher.Enrich(drafts);
        if (enriched.Count != drafts.Count)
            throw new InvalidOperationException($"The enricher returned {enriched.Count} drafts for {drafts.Count}.");
        if (previous is not null) written += await previous;
        return (batch.WriteChunkAsync(context, importId, rows, enriched, ordinalBase, duplicates, MaxDuplicatesListed, cancellationToken), written);
    }
}
