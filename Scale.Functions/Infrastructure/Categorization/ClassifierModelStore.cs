using System.Security.Cryptography;
using Dapper;
using Npgsql;
using Scale.Domain.Categorization;

namespace Scale.Functions.Infrastructure.Categorization;

/// <summary>The newest published model: its version and the SHA-256 of its artifact.</summary>
public sealed record PublishedModel(string Version, string Sha256);

/// <summary>A version is published once: republishing it with other bytes is refused (instances key on the version).</summary>
public sealed class ModelVersionConflictException(string version)
    : InvalidOperationException($"Classifier version {version} is already published with different bytes; publish the new model under a new version.")
{
    public string Version { get; } = version;
}

/// <summary>
/// Published classifier versions, shared by every instance through Postgres. Publishing stores the artifact;
/// each instance's <see cref="ModelRefresher"/> notices the new version and swaps it in without a restart.
/// Versions are immutable: an instance that loaded version X never needs to look at X's bytes again.
/// </summary>
public sealed class ClassifierModelStore(NpgsqlDataSource dataSource)
{
    /// <summary>One index-only row read: cheap enough to run on use, every few seconds, on every instance.</summary>
    public async Task<PublishedModel?> LatestAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<PublishedModel>(new CommandDefinition(
            "SELECT version AS Version, sha256 AS Sha256 FROM classifier_models ORDER BY published_at DESC, version DESC LIMIT 1",
            cancellationToken: cancellationToken));
    }

    public async Task<string?> LatestVersionAsync(CancellationToken cancellationToken) => (await LatestAsync(cancellationToken))?.Version;

    public async Task<LinearTextClassifier> LoadAsync(string version, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleAsync<(byte[] Artifact, string Sha256)>(new CommandDefinition(
            "SELECT artifact, sha256 FROM classifier_models WHERE version = @version", new { version }, cancellationToken: cancellationToken));
        if (Convert.ToHexStringLower(SHA256.HashData(row.Artifact)) != row.Sha256)
            throw new InvalidDataException($"Classifier artifact {version} does not match its checksum.");
        using var stream = new MemoryStream(row.Artifact, writable: false);
        return ClassifierModelSerializer.Load(stream);
    }

    /// <summary>
    /// Validates the artifact by loading it, then publishes it under its own version. Publishing the same bytes
    /// again is a no-op; the same version with other bytes throws <see cref="ModelVersionConflictException"/>.
    /// </summary>
    public async Task<string> PublishAsync(byte[] artifact, CancellationToken cancellationToken)
    {
        LinearTextClassifier classifier;
        using (var stream = new MemoryStream(artifact, writable: false)) classifier = ClassifierModelSerializer.Load(stream);
        var sha = Convert.ToHexStringLower(SHA256.HashData(artifact));
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // Two statements, not one CTE: the SELECT takes a fresh snapshot, so it sees a concurrent publisher's row.
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO classifier_models(version, artifact, sha256) VALUES (@version, @artifact, @sha) ON CONFLICT (version) DO NOTHING",
            new { version = classifier.ModelVersion, artifact, sha }, cancellationToken: cancellationToken));
        var stored = await connection.QuerySingleAsync<string>(new CommandDefinition(
            "SELECT sha256 FROM classifier_models WHERE version = @version", new { version = classifier.ModelVersion },
            cancellationToken: cancellationToken));
        if (stored != sha) throw new ModelVersionConflictException(classifier.ModelVersion);
        return classifier.ModelVersion;
    }
}
