using System.Text.Json;
using Dapper;
using Npgsql;
using Scale.Functions.Api.Http;

namespace Scale.Functions.Infrastructure.Training;

public static class TrainingStatuses
{
    public const string Queued = "queued";
    public const string Processing = "processing";
    public const string Completed = "completed";
    public const string Failed = "failed";

    public static bool IsFinal(string status) => status is Completed or Failed;
}

/// <summary>A training_jobs row as the API returns it.</summary>
public sealed record TrainingJob(
    Guid JobId, string UserId, string Status, string Step, double Progress, JsonElement? Metrics, string? ModelVersion,
    string? Error, DateTime CreatedAt, DateTime? StartedAt, DateTime? CompletedAt, DateTime UpdatedAt);

/// <summary>
/// training_jobs: the only place training status is read from. Every write is guarded by the status, so an
/// activity that runs twice (Durable runs each at least once), or runs after the sweeper failed its job, changes
/// nothing it should not: finished jobs are never reopened.
/// </summary>
public sealed class TrainingJobStore(NpgsqlDataSource dataSource)
{
    private const string Columns = """
        job_id AS JobId, user_id AS UserId, status AS Status, step AS Step, progress AS Progress,
        metrics::text AS MetricsJson, model_version AS ModelVersion, error AS Error, created_at AS CreatedAt,
        started_at AS StartedAt, completed_at AS CompletedAt, updated_at AS UpdatedAt
        """;

    public async Task CreateAsync(Guid jobId, string userId, string origin, Guid? importId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO training_jobs(job_id, user_id, origin, import_id) VALUES (@jobId, @userId, @origin, @importId)",
            new { jobId, userId, origin, importId }, cancellationToken: cancellationToken));
    }

    public async Task<TrainingJob?> GetAsync(string userId, Guid jobId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM training_jobs WHERE user_id = @userId AND job_id = @jobId",
            new { userId, jobId }, cancellationToken: cancellationToken));
        return row?.ToJob();
    }

    /// <summary>Moves a queued or processing job to a step; the first call also starts it.</summary>
    public async Task<bool> StepAsync(Guid jobId, string userId, string step, double progress, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE training_jobs
            SET status = 'processing', step = @step, progress = GREATEST(progress, @progress),
                started_at = COALESCE(started_at, now()), updated_at = now()
            WHERE job_id = @jobId AND user_id = @userId AND status IN ('queued', 'processing')
            """, new { jobId, userId, step, progress = (float)progress }, cancellationToken: cancellationToken)) == 1;
    }

    public async Task<bool> CompleteAsync(Guid jobId, string userId, object metrics, string? modelVersion, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE training_jobs
            SET status = 'completed', step = 'done', progress = 1, metrics = @metrics::jsonb, model_version = @modelVersion,
                started_at = COALESCE(started_at, now()), completed_at = now(), updated_at = now()
            WHERE job_id = @jobId AND user_id = @userId AND status IN ('queued', 'processing')
            """, new { jobId, userId, metrics = JsonSerializer.Serialize(metrics, ScaleJson.Options), modelVersion },
            cancellationToken: cancellationToken)) == 1;
    }

    public async Task<bool> FailAsync(Guid jobId, string userId, string error, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await FailAsync(connection, jobId, userId, error, cancellationToken);
    }

    /// <summary>Unfinished jobs created before <paramref name="createdBefore"/>, oldest first (the sweeper's work list).</summary>
    public async Task<IReadOnlyList<TrainingJob>> ListUnfinishedAsync(DateTime createdBefore, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition($"""
            SELECT {Columns} FROM training_jobs
            WHERE status IN ('queued', 'processing') AND created_at < @createdBefore
            ORDER BY created_at LIMIT @limit
            """, new { createdBefore, limit }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToJob()).ToList();
    }

    private static async Task<bool> FailAsync(NpgsqlConnection connection, Guid jobId, string userId, string error, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE training_jobs
            SET status = 'failed', step = 'failed', error = left(@error, 2000), completed_at = now(), updated_at = now()
            WHERE job_id = @jobId AND user_id = @userId AND status IN ('queued', 'processing')
            """, new { jobId, userId, error }, cancellationToken: cancellationToken)) == 1;

    private sealed record Row(
        Guid JobId, string UserId, string Status, string Step, float Progress, string? MetricsJson, string? ModelVersion,
        string? Error, DateTime CreatedAt, DateTime? StartedAt, DateTime? CompletedAt, DateTime UpdatedAt)
    {
        public TrainingJob ToJob() => new(JobId, UserId, Status, Step, Math.Round(Progress, 4),
            MetricsJson is null ? null : ParseMetrics(MetricsJson), ModelVersion, Error,
            DateTime.SpecifyKind(CreatedAt, DateTimeKind.Utc), Utc(StartedAt), Utc(CompletedAt), DateTime.SpecifyKind(UpdatedAt, DateTimeKind.Utc));

        private static JsonElement ParseMetrics(string json)
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }

        private static DateTime? Utc(DateTime? value) => value is { } v ? DateTime.SpecifyKind(v, DateTimeKind.Utc) : null;
    }
}
