using System.Security.Cryptography;
using Dapper;
using Npgsql;
using Scale.Domain.Categorization;

namespace Scale.Functions.Infrastructure.Categorization;

/// <summary>
/// Published classifier versions, shared by every instance through Postgres. Publishing stores the artifact;
/// each instance's <see cref="ModelRefresher"/> notices the new version and swaps it in without a restart.
/// </summary>
public sealed class ClassifierModelStore(NpgsqlDataSource dataSource)
{
    public async Task<string?> LatestVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT version FROM classifier_models ORDER BY published_at DESC, version DESC LIMIT 1", cancellationToken: cancellationToken));
    }

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

    /// <summary>Validates the artifact by loading it, then publishes it under its own version.</summary>
    public async Task<string> PublishAsync(byte[] artifact, CancellationToken cancellationToken)
    {
        LinearTextClassifier classifier;
        using (var stream = new MemoryStream(artifact, writable: false)) classifier = ClassifierModelSerializer.Load(stream);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO classifier_models(version, artifact, sha256) VALUES (@version, @artifact, @sha)
            ON CONFLICT (version) DO UPDATE SET artifact = EXCLUDED.artifact, sha256 = EXCLUDED.sha256, published_at = now()
            """,
            new { version = classifier.ModelVersion, artifact, sha = Convert.ToHexStringLower(SHA256.HashData(artifact)) },
            cancellationToken: cancellationToken));
        return classifier.ModelVersion;
    }
}
