using Dapper;
using Npgsql;

namespace Scale.Functions.Infrastructure.Uploads;

public static class UploadStatuses
{
    public const string Pending = "pending";
    public const string Processing = "processing";
    public const string Completed = "completed";
    public const string Failed = "failed";
}

/// <summary>What a lease renewal found.</summary>
public enum LeaseRenewal
{
    /// <summary>Still ours, for another lease period.</summary>
    Renewed,
    /// <summary>Completed or failed (by this claimant's own commit, or by a worker that took over).</summary>
    Finished,
    /// <summary>Another claimant holds it, or it went back to pending: this worker must stop.</summary>
    Lost,
}

/// <summary>A row of uploaded_files.</summary>
public sealed class UploadRecord
{
    public Guid UploadId { get; init; }
    public string UserId { get; init; } = "";
    public string FileName { get; init; } = "";
    public string BlobName { get; init; } = "";
    public string Status { get; init; } = "";
    public string? Bank { get; init; }
    public string? Format { get; init; }
    public int? Inserted { get; init; }
    public int? SkippedDuplicates { get; init; }
    public int? SkippedZeroAmount { get; init; }
    public int? Rejected { get; init; }
    public string? Error { get; init; }
    public int Attempts { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? CompletedAt { get; init; }
    /// <summary>The bank the user named at upload; the processor parses the blob with it.</summary>
    public string? BankHint { get; init; }
    public int? SkippedRowCount { get; init; }
    /// <summary>JSON: [{line_number, reason}] (see <see cref="UploadParseResults"/>).</summary>
    public string? SkippedRows { get; init; }
    /// <summary>JSON: the parse's balance check.</summary>
    public string? BalanceCheck { get; init; }
    /// <summary>JSON: [{line_number, transaction_id}] of rows already stored (see <see cref="UploadParseResults"/>).</summary>
    public string? Duplicates { get; init; }
}

/// <summary>The outcome the processor records for a claimed upload.</summary>
public sealed record UploadOutcome(string Status, string? Bank, string? Format, Guid? ImportId, int? Inserted,
    int? SkippedDuplicates, int? SkippedZeroAmount, int? Rejected, string? Error);

/// <summary>uploaded_files: created by the upload API (or for a dropped blob), claimed and finished by the processor.</summary>
public sealed class UploadStore(NpgsqlDataSource dataSource)
{
    internal const string Columns = """
        upload_id AS UploadId, user_id AS UserId, file_name AS FileName, blob_name AS BlobName, status AS Status,
        bank AS Bank, format AS Format, inserted AS Inserted, skipped_duplicates AS SkippedDuplicates,
        skipped_zero_amount AS SkippedZeroAmount, rejected AS Rejected, error AS Error, attempts AS Attempts,
        created_at AS CreatedAt, completed_at AS CompletedAt,
        bank_hint AS BankHint, skipped_row_count AS SkippedRowCount, skipped_rows::text AS SkippedRows, balance_check::text AS BalanceCheck,
        duplicates::text AS Duplicates
        """;

    public async Task CreateAsync(Guid uploadId, string userId, string fileName, string blobName, CancellationToken cancellationToken,
        string? bankHint = null)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO uploaded_files (upload_id, user_id, file_name, blob_name, origin, bank_hint)
            VALUES (@uploadId, @userId, @fileName, @blobName, 'api', @bankHint)
            """, new { uploadId, userId, fileName, blobName, bankHint }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Records what the parse found besides rows (skipped rows, balance check), on the import's transaction so it
    /// commits with the rows and the final status. Only the current claimant may write it.
    /// </summary>
    public static async Task RecordParseResultsAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid uploadId,
        string claimant, UploadParseResults results, CancellationToken cancellationToken, string? duplicates = null)
    {
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE uploaded_files
            SET skipped_row_count = @SkippedRowCount, skipped_rows = @SkippedRows::jsonb, balance_check = @BalanceCheck::jsonb,
                duplicates = @duplicates::jsonb
            WHERE upload_id = @uploadId AND claimed_by = @claimant
            """, new { uploadId, claimant, results.SkippedRowCount, results.SkippedRows, results.BalanceCheck, duplicates },
            transaction, cancellationToken: cancellationToken));
    }

    /// <summary>The upload API could not store the blob: the row must not promise a file that does not exist.</summary>
    public async Task DeleteAsync(Guid uploadId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM uploaded_files WHERE upload_id = @uploadId AND status = 'pending'", new { uploadId }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// The upload a blob's current content belongs to; for content dropped into the container without one, creates
    /// it (idempotent). An API upload's name is unique (it holds the upload id), so its row matches whatever the
    /// blob holds. A dropped blob's row is its name AND content hash: the same name dropped again with new bytes is
    /// a new upload. A row from before content hashes (NULL) still unfinished adopts the hash it is delivered with.
    /// </summary>
    public async Task<UploadRecord> FindOrCreateForBlobAsync(string blobName, string contentSha256, string userId, string fileName,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var args = new { uploadId = Guid.CreateVersion7(), userId, fileName, blobName, contentSha256 };
        var existing = await connection.QuerySingleOrDefaultAsync<UploadRecord>(new CommandDefinition($"""
            UPDATE uploaded_files SET content_sha256 = @contentSha256
            WHERE upload_id = (
                SELECT upload_id FROM uploaded_files
                WHERE blob_name = @blobName AND origin = 'blob' AND content_sha256 IS NULL AND status IN ('pending', 'processing')
                  AND NOT EXISTS (SELECT 1 FROM uploaded_files WHERE blob_name = @blobName AND content_sha256 = @contentSha256)
                LIMIT 1)
            RETURNING {Columns}
            """, args, cancellationToken: cancellationToken));
        if (existing is not null) return existing;

        existing = await connection.QuerySingleOrDefaultAsync<UploadRecord>(new CommandDefinition($"""
            SELECT {Columns} FROM uploaded_files
            WHERE blob_name = @blobName AND (origin = 'api' OR content_sha256 = @contentSha256)
            ORDER BY created_at DESC LIMIT 1
            """, args, cancellationToken: cancellationToken));
        if (existing is not null) return existing;

        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO uploaded_files (upload_id, user_id, file_name, blob_name, origin, content_sha256)
            VALUES (@uploadId, @userId, @fileName, @blobName, 'blob', @contentSha256)
            ON CONFLICT (blob_name, content_sha256) DO NOTHING
            """, args, cancellationToken: cancellationToken));
        return await connection.QuerySingleAsync<UploadRecord>(new CommandDefinition(
            $"SELECT {Columns} FROM uploaded_files WHERE blob_name = @blobName AND content_sha256 = @contentSha256",
            args, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Atomically takes a pending upload (or one whose processor's lease lapsed) for this processor; counts the
    /// attempt. Null when another processor holds it or it is finished.
    /// </summary>
    public async Task<UploadRecord?> TryClaimAsync(Guid uploadId, string claimant, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<UploadRecord>(new CommandDefinition($"""
            UPDATE uploaded_files
            SET status = 'processing', attempts = attempts + 1, claimed_by = @claimant,
                lease_until = now() + make_interval(secs => @leaseSeconds), started_at = now(), error = NULL
            WHERE upload_id = @uploadId
              AND (status = 'pending' OR (status = 'processing' AND lease_until < now()))
            RETURNING {Columns}
            """, new { uploadId, claimant, leaseSeconds = lease.TotalSeconds }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Extends this claimant's lease by <paramref name="lease"/> from now (the processor's heartbeat). Two statements,
    /// not one: when the renewal waited on the import's own commit, only a fresh snapshot sees that it finished.
    /// </summary>
    public async Task<LeaseRenewal> RenewLeaseAsync(Guid uploadId, string claimant, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var renewed = await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE uploaded_files SET lease_until = now() + make_interval(secs => @leaseSeconds)
            WHERE upload_id = @uploadId AND claimed_by = @claimant AND status = 'processing'
            """, new { uploadId, claimant, leaseSeconds = lease.TotalSeconds }, cancellationToken: cancellationToken));
        if (renewed == 1) return LeaseRenewal.Renewed;
        var status = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT status FROM uploaded_files WHERE upload_id = @uploadId", new { uploadId }, cancellationToken: cancellationToken));
        return status is UploadStatuses.Completed or UploadStatuses.Failed ? LeaseRenewal.Finished : LeaseRenewal.Lost;
    }

    /// <summary>Records a final outcome, on the import's own transaction when given (rows and counts commit together).</summary>
    /// <returns>False when this claimant no longer holds the upload (its lease lapsed and another took over).</returns>
    public static async Task<bool> FinishAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid uploadId, string claimant,
        UploadOutcome outcome, CancellationToken cancellationToken)
    {
        return 1 == await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE uploaded_files
            SET status = @Status, bank = @Bank, format = @Format, import_id = @ImportId, inserted = @Inserted,
                skipped_duplicates = @SkippedDuplicates, skipped_zero_amount = @SkippedZeroAmount, rejected = @Rejected,
                error = @Error, completed_at = now(), claimed_by = NULL, lease_until = NULL
            WHERE upload_id = @uploadId AND claimed_by = @claimant
            """, new
        {
            uploadId, claimant, outcome.Status, outcome.Bank, outcome.Format, outcome.ImportId, outcome.Inserted,
            outcome.SkippedDuplicates, outcome.SkippedZeroAmount, outcome.Rejected, outcome.Error,
        }, transaction, cancellationToken: cancellationToken));
    }

    public async Task<bool> FinishAsync(Guid uploadId, string claimant, UploadOutcome outcome, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await FinishAsync(connection, null, uploadId, claimant, outcome, cancellationToken);
    }

    /// <summary>A transient failure: back to pending (the attempt stays counted) so the next delivery retries it.</summary>
    public async Task ReleaseAsync(Guid uploadId, string claimant, string error, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE uploaded_files SET status = 'pending', error = @error, claimed_by = NULL, lease_until = NULL
            WHERE upload_id = @uploadId AND claimed_by = @claimant
            """, new { uploadId, claimant, error }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Uploads nobody is working on that should have finished: pending for longer than <paramref name="pendingFor"/>
    /// (the trigger never fired for their blob) or processing under a lapsed lease (their worker died and no
    /// redelivery came). Oldest first.
    /// </summary>
    public async Task<IReadOnlyList<UploadRecord>> ListStalledAsync(TimeSpan pendingFor, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<UploadRecord>(new CommandDefinition($"""
            SELECT {Columns} FROM uploaded_files
            WHERE status IN ('pending', 'processing')
              AND ((status = 'pending' AND created_at < now() - make_interval(secs => @pendingSeconds))
                OR (status = 'processing' AND lease_until < now()))
            ORDER BY created_at
            LIMIT @limit
            """, new { pendingSeconds = pendingFor.TotalSeconds, limit }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>Fails an upload no worker holds (e.g. its blob is gone); false if it finished or was claimed meanwhile.</summary>
    public async Task<bool> FailUnclaimedAsync(Guid uploadId, string error, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE uploaded_files SET status = 'failed', error = @error, completed_at = now(), claimed_by = NULL, lease_until = NULL
            WHERE upload_id = @uploadId
              AND (status = 'pending' OR (status = 'processing' AND lease_until < now()))
            """, new { uploadId, error }, cancellationToken: cancellationToken)) == 1;
    }

    public async Task<UploadRecord?> GetAsync(string userId, Guid uploadId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<UploadRecord>(new CommandDefinition(
            $"SELECT {Columns} FROM uploaded_files WHERE user_id = @userId AND upload_id = @uploadId",
            new { userId, uploadId }, cancellationToken: cancellationToken));
    }

    /// <summary>Newest first; keyset after (created_at, upload_id) when given.</summary>
    public async Task<IReadOnlyList<UploadRecord>> ListAsync(string userId, (DateTime CreatedAt, Guid UploadId)? after, int limit,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<UploadRecord>(new CommandDefinition($"""
            SELECT {Columns} FROM uploaded_files
            WHERE user_id = @userId AND (@hasCursor = false OR (created_at, upload_id) < (@createdAt, @uploadId))
            ORDER BY created_at DESC, upload_id DESC
            LIMIT @limit
            """, new
        {
            userId, hasCursor = after.HasValue, createdAt = after?.CreatedAt ?? DateTime.UnixEpoch,
            uploadId = after?.UploadId ?? Guid.Empty, limit,
        }, cancellationToken: cancellationToken));
        return rows.AsList();
    }
}
