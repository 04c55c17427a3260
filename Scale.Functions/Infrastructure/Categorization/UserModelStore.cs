using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Dapper;
using Npgsql;
using Scale.Domain.Categorization.UserModels;
using Scale.Functions.Api.Http;

namespace Scale.Functions.Infrastructure.Categorization;

/// <summary>A user's model version as GET /training/checkpoints lists it.</summary>
public sealed record UserModelVersion(string ModelVersion, DateTime CreatedAt, JsonElement Metrics, bool Active);

/// <summary>
/// Per-user model versions in Postgres (user_models; never on local disk). Which version is active is read from
/// Postgres on every lookup, so a version published on one instance is used by every instance on its next
/// classification; loaded artifacts are cached per (user, version), which never change once written.
/// </summary>
public sealed class UserModelStore(NpgsqlDataSource dataSource)
{
    private const int MaxCachedModels = 256;
    private readonly ConcurrentDictionary<(string UserId, string Version), UserCategoryModel> _loaded = new();

    /// <summary>The user's active model, or null when they have none (the base model decides).</summary>
    public async Task<UserCategoryModel?> ActiveAsync(string userId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var version = await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT model_version FROM user_models WHERE user_id = @userId AND active", new { userId }, cancellationToken: cancellationToken));
        return version is null ? null : await LoadAsync(connection, userId, version, cancellationToken);
    }

    public async Task<UserCategoryModel?> GetAsync(string userId, string version, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await LoadAsync(connection, userId, version, cancellationToken);
    }

    /// <summary>Stores a candidate (inactive). Idempotent per job: a retried training step keeps the first artifact.</summary>
    public async Task SaveCandidateAsync(string userId, Guid jobId, UserCategoryModel model, object metrics, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO user_models(user_id, model_version, job_id, artifact, sha256, metrics)
            VALUES (@userId, @version, @jobId, @artifact, @sha256, @metrics::jsonb)
            ON CONFLICT (job_id) DO NOTHING
            """,
            new
            {
                userId, version = model.ModelVersion, jobId, artifact = model.Artifact,
                sha256 = Convert.ToHexStringLower(SHA256.HashData(model.Artifact)),
                metrics = JsonSerializer.Serialize(metrics, ScaleJson.Options),
            }, cancellationToken: cancellationToken));
    }

    public async Task RecordMetricsAsync(string userId, string version, object metrics, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE user_models SET metrics = @metrics::jsonb WHERE user_id = @userId AND model_version = @version",
            new { userId, version, metrics = JsonSerializer.Serialize(metrics, ScaleJson.Options) }, cancellationToken: cancellationToken));
    }

    /// <summary>Makes <paramref name="version"/> the user's only active model, in one transaction. Idempotent.</summary>
    public async Task ActivateAsync(string userId, string version, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE user_models SET active = false WHERE user_id = @userId AND active AND model_version <> @version",
            new { userId, version }, tx, cancellationToken: cancellationToken));
        var updated = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE user_models SET active = true WHERE user_id = @userId AND model_version = @version",
            new { userId, version }, tx, cancellationToken: cancellationToken));
        if (updated != 1) throw new InvalidOperationException($"Model version {version} does not exist for this user.");
        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Retention: deletes the user's versions beyond the newest <paramref name="keep"/>, never the active one (it is
    /// kept in addition when older). Idempotent. Returns how many were deleted.
    /// </summary>
    public async Task<int> PruneAsync(string userId, int keep, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM user_models
            WHERE user_id = @userId AND NOT active
              AND model_version NOT IN (
                  SELECT model_version FROM user_models WHERE user_id = @userId
                  ORDER BY created_at DESC, model_version DESC LIMIT @keep)
            """, new { userId, keep }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<UserModelVersion>> ListAsync(string userId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Version, DateTime CreatedAt, string Metrics, bool Active)>(new CommandDefinition(
            "SELECT model_version, created_at, metrics::text, active FROM user_models WHERE user_id = @userId ORDER BY created_at DESC, model_version",
            new { userId }, cancellationToken: cancellationToken));
        return rows.Select(r =>
        {
            using var metrics = JsonDocument.Parse(r.Metrics);
            return new UserModelVersion(r.Version, DateTime.SpecifyKind(r.CreatedAt, DateTimeKind.Utc), metrics.RootElement.Clone(), r.Active);
        }).ToList();
    }

    private async Task<UserCategoryModel?> LoadAsync(NpgsqlConnection connection, string userId, string version, CancellationToken cancellationToken)
    {
        if (_loaded.TryGetValue((userId, version), out var cached)) return cached;
        var artifact = await connection.QuerySingleOrDefaultAsync<byte[]?>(new CommandDefinition(
            "SELECT artifact FROM user_models WHERE user_id = @userId AND model_version = @version",
            new { userId, version }, cancellationToken: cancellationToken));
        if (artifact is null) return null;
        var model = UserCategoryModel.Load(artifact, version);
        // Crude bound: a process serving very many users drops its cache rather than growing without limit.
        if (_loaded.Count >= MaxCachedModels) _loaded.Clear();
        _loaded[(userId, version)] = model;
        return model;
    }
}
