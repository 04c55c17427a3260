using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Scale.Domain.Ingestion;
using Scale.Domain.Ingestion.Parsing;
using Scale.Functions.Infrastructure.Storage;
using Scale.Functions.Infrastructure.Transactions;
using Scale.Functions.Infrastructure.Uploads;

namespace Scale.Functions.Triggers;

/// <summary>
/// Imports one statement blob. Host-neutral: the Functions [BlobTrigger] and the local watcher both call
/// <see cref="ProcessAsync"/>. Steps: copy and hash the blob → find (or, for a dropped blob, create) the upload row
/// of that name and content → claim it atomically →
/// parse streaming and import in one transaction (the upload's counts commit with the rows) → delete the blob.
/// A file we cannot read fails at once and goes to the poison container; any other error is retried by the next
/// delivery (the exception propagates so the Functions host retries; the watcher backs off) until
/// <see cref="IngestionOptions.MaxAttempts"/>, then the upload fails and the blob is poisoned.
/// </summary>
public sealed class StatementBlobProcessor(
    UploadStore uploads,
    TransactionImporter importer,
    IStatementStorage storage,
    IOptions<IngestionOptions> options,
    ILogger<StatementBlobProcessor> logger) : IStatementBlobHandler
{
    private readonly string _claimantPrefix = $"{Environment.MachineName}:{Environment.ProcessId}:";

    Task IStatementBlobHandler.ProcessAsync(string blobName, Stream content, CancellationToken cancellationToken) =>
        ProcessAsync(blobName, content, cancellationToken);

    /// <returns>The upload the blob's current content belongs to (null for a blob without an owner).</returns>
    public async Task<Guid?> ProcessAsync(string blobName, Stream content, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["BlobName"] = blobName });
        if (!StatementBlobName.TryParse(blobName, out var userId, out var fileName))
        {
            logger.LogWarning("Blob {BlobName} has no user segment; moved to poison", blobName);
            await PoisonAsync(blobName, "The blob name has no user segment ({user_id}/.../{file_name}).");
            return null;
        }

        // A seekable local copy and the content's hash, before the row is looked up: a dropped blob's upload is
        // its name AND its content, so the same name dropped again with new rows is a new upload, not "done".
        await using var buffered = await BufferAsync(content, cancellationToken);
        var upload = await uploads.FindOrCreateForBlobAsync(blobName, buffered.Sha256, userId, fileName, cancellationToken);
        if (upload.Status is UploadStatuses.Completed or UploadStatuses.Failed)
        {
            // Finished earlier but the blob is still here (a crash between commit and cleanup): finish the cleanup.
            await CleanUpAsync(blobName, upload.Status == UploadStatuses.Completed, upload.Error ?? "Processing failed.");
            return upload.UploadId;
        }

        var claimant = _claimantPrefix + Guid.NewGuid().ToString("N");
        var lease = TimeSpan.FromSeconds(options.Value.LeaseSeconds);
        var claimed = await uploads.TryClaimAsync(upload.UploadId, claimant, lease, cancellationToken);
        if (claimed is null)
        {
            // Either another delivery finished it a moment ago (clean up, done) or one is still working under a
            // live lease. Then this delivery must not be acknowledged as done: if that worker died, only a later
            // redelivery (after the lease lapses) will import the file.
            var current = await uploads.FindOrCreateForBlobAsync(blobName, buffered.Sha256, userId, fileName, cancellationToken);
            if (current.Status is UploadStatuses.Completed or UploadStatuses.Failed)
            {
                await CleanUpAsync(blobName, current.Status == UploadStatuses.Completed, current.Error ?? "Processing failed.");
                return current.UploadId;
            }
            throw new UploadBusyException(upload.UploadId);
        }

        var maxAttempts = options.Value.MaxAttempts;
        if (claimed.Attempts > maxAttempts)
        {
            await FailAsync(claimed, claimant, null, $"Processing failed {maxAttempts} times; giving up. Last error: {LastError(upload)}");
            return claimed.UploadId;
        }

        var opened = new OpenedStatement();
        try
        {
            var result = await ImportUnderLeaseAsync(claimed, fileName, buffered, claimant, lease, opened, cancellationToken);
            logger.LogInformation("Upload {UploadId} completed: {Inserted} inserted, {Duplicates} duplicates",
                claimed.UploadId, result.Inserted, result.SkippedDuplicates);
            await CleanUpAsync(blobName, completed: true, reason: string.Empty);
        }
        catch (StatementFormatException ex)
        {
            logger.LogInformation("Upload {UploadId} rejected: {Reason}", claimed.UploadId, ex.Message);
            await FailAsync(claimed, claimant, opened, ex.Message);
        }
        catch (UploadBusyException)
        {
            throw; // another worker owns the upload now: touch neither its row nor its blob
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown (or the host gave up on the delivery): the transaction rolled back, so hand the upload back at
            // once rather than make the next instance wait for the lease to lapse.
            await uploads.ReleaseAsync(claimed.UploadId, claimant, "Processing was interrupted; it will be retried.", CancellationToken.None);
            throw;
        }
        catch (Exception ex)
        {
            if (claimed.Attempts >= maxAttempts)
            {
                logger.LogError(ex, "Upload {UploadId} failed on attempt {Attempt}; giving up", claimed.UploadId, claimed.Attempts);
                await FailAsync(claimed, claimant, opened, $"Processing failed {claimed.Attempts} times; giving up. Last error: {Describe(ex)}");
                return claimed.UploadId;
            }
            logger.LogWarning(ex, "Upload {UploadId} failed on attempt {Attempt}; will retry", claimed.UploadId, claimed.Attempts);
            await uploads.ReleaseAsync(claimed.UploadId, claimant, $"Attempt {claimed.Attempts} failed ({Describe(ex)}); retrying.", CancellationToken.None);
            throw;
        }
        return claimed.UploadId;
    }

    /// <summary>
    /// The import with the claim's lease renewed while it runs (<see cref="UploadLeaseHeartbeat"/>); the heartbeat
    /// has stopped when this returns, so finishing or releasing the claim afterwards races no renewal.
    /// </summary>
    private async Task<ImportResult> ImportUnderLeaseAsync(UploadRecord upload, string fileName, BufferedStatement buffered,
        string claimant, TimeSpan lease, OpenedStatement opened, CancellationToken cancellationToken)
    {
        await using var heartbeat = UploadLeaseHeartbeat.Start(uploads, upload.UploadId, claimant, lease, logger, cancellationToken);
        try
        {
            return await ImportAsync(upload, fileName, buffered, claimant, opened, heartbeat.Token);
        }
        catch (Exception ex) when (heartbeat.Lost && !cancellationToken.IsCancellationRequested)
        {
            // Another worker holds the upload now (this one was cut off past its lease): its import is the one that
            // counts. This one's transaction rolled back; the row and the blob are the other worker's.
            logger.LogWarning(ex, "Upload {UploadId}: stopped after losing the processing lease", upload.UploadId);
            throw new UploadBusyException(upload.UploadId);
        }
    }

    private async Task<ImportResult> ImportAsync(UploadRecord upload, string fileName, BufferedStatement buffered, string claimant,
        OpenedStatement opened, CancellationToken cancellationToken)
    {
        if (buffered.File is not { } local)
            throw new StatementFormatException(StatementError.TooLarge, $"The statement is larger than {options.Value.MaxStatementBytes / (1024 * 1024)} MB.");
        // The bank the user named at upload; the file was validated with it, so it is read with it again.
        using var reader = GuardedStatements.Open(local, fileName, new StatementParseOptions(BankHint: upload.BankHint), LogUnexpected);
        opened.Bank = reader.Bank;
        opened.Format = reader.Format;
        var candidates = GuardedStatements.Rows(reader, LogUnexpected).Select(row => ImportCandidate.Valid(row.LineNumber, row.Draft));
        return await importer.ImportAsync(new ImportContext(upload.UserId, "statement", upload.UploadId), candidates, cancellationToken,
            async (result, connection, transaction, ct) =>
            {
                // Skipped rows and the balance proof commit with the rows (FinishAsync releases the claim, so first).
                await UploadStore.RecordParseResultsAsync(connection, transaction, upload.UploadId, claimant,
                    UploadParseResults.From(reader), ct, UploadParseResults.DuplicatesJson(result.Duplicates));
                // Lost the claim (our lease lapsed and another worker took over): roll back, theirs is the import.
                if (!await UploadStore.FinishAsync(connection, transaction, upload.UploadId, claimant,
                        new UploadOutcome(UploadStatuses.Completed, reader.Bank, reader.Format, result.ImportId, result.Inserted,
                            result.SkippedDuplicates, result.SkippedZeroAmount, result.RejectedCount, null), ct))
                    throw new UploadBusyException(upload.UploadId);
            });
    }

    /// <summary>
    /// Copies the blob to a seekable temp file (the parser may need to seek: xlsx is a zip; and a storage hiccup then
    /// happens while copying, which is retryable, rather than half-way through parsing, which would look like a bad
    /// file) and hashes it on the way. Past MaxStatementBytes the copy stops but the hash runs to the end, so an
    /// oversized blob still has its identity (and fails as too large, once).
    /// </summary>
    private async Task<BufferedStatement> BufferAsync(Stream content, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), "scale-statement-" + Guid.NewGuid().ToString("N"));
        FileStream? file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
            var limit = options.Value.MaxStatementBytes;
            var buffer = new byte[81920];
            int read;
            while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                if (file is null) continue;
                if (file.Length + read > limit)
                {
                    await file.DisposeAsync();
                    file = null;
                    continue;
                }
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
            if (file is not null) file.Position = 0;
            return new BufferedStatement(file, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        catch
        {
            if (file is not null) await file.DisposeAsync();
            throw;
        }
    }

    private async Task FailAsync(UploadRecord upload, string claimant, OpenedStatement? opened, string error)
    {
        // Only the claimant that records the failure moves the blob aside.
        if (await uploads.FinishAsync(upload.UploadId, claimant,
                new UploadOutcome(UploadStatuses.Failed, opened?.Bank, opened?.Format, null, null, null, null, null, error), CancellationToken.None))
            await CleanUpAsync(upload.BlobName, completed: false, error);
    }

    /// <summary>Best effort: if storage is down now, the next delivery sees a finished row and tries again.</summary>
    private async Task CleanUpAsync(string blobName, bool completed, string reason)
    {
        try
        {
            if (!completed) await storage.MoveToPoisonAsync(blobName, reason, CancellationToken.None);
            else if (!options.Value.KeepCompletedStatements) await storage.DeleteAsync(blobName, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not clean up blob {BlobName} after processing", blobName);
        }
    }

    private Task PoisonAsync(string blobName, string reason) => CleanUpAsync(blobName, completed: false, reason);

    /// <summary>
    /// What the attempt before the one that gave up left behind: its recorded error, or, for an attempt whose worker
    /// vanished under its claim (killed, or cut off from the database past its lease), that fact.
    /// </summary>
    private static string LastError(UploadRecord beforeClaim) => beforeClaim.Error
        ?? (beforeClaim.Status == UploadStatuses.Processing
            ? $"attempt {beforeClaim.Attempts} did not finish: its worker stopped or lost contact before its lease ran out"
            : "none was recorded");

    /// <summary>The type and message, without inner details that could carry row content.</summary>
    private static string Describe(Exception ex) => ex is Npgsql.PostgresException pg ? $"database error {pg.SqlState}" : ex.GetType().Name;

    private void LogUnexpected(Exception ex) => logger.LogWarning(ex, "The statement parser failed on a blob; treated as unreadable");

    /// <summary>The blob's bytes on local disk (null when it exceeds MaxStatementBytes) and their SHA-256.</summary>
    private sealed record BufferedStatement(FileStream? File, string Sha256) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => File?.DisposeAsync() ?? ValueTask.CompletedTask;
    }

    private sealed class OpenedStatement
    {
        public string? Bank { get; set; }
        public string? Format { get; set; }
    }
}
