using System.Text.Json;
using Scale.Functions.Infrastructure.Categorization;
using Scale.Functions.Infrastructure.Training;

namespace Scale.Functions.Api;

public static class TrainingModels
{
    public sealed record JobAccepted(Guid JobId, string Status);

    /// <summary>GET /training/status/{job_id} and each SSE event.</summary>
    public sealed record JobStatus(
        Guid JobId, string Status, string Step, double Progress, JsonElement? Metrics, string? ModelVersion, string? Error,
        DateTime CreatedAt, DateTime? StartedAt, DateTime? CompletedAt)
    {
        public static JobStatus From(TrainingJob job) => new(job.JobId, job.Status, job.Step, job.Progress, job.Metrics,
            job.ModelVersion, job.Error, job.CreatedAt, job.StartedAt, job.CompletedAt);
    }

    public sealed record Checkpoint(string ModelVersion, DateTime CreatedAt, JsonElement Metrics, bool Active)
    {
        public static Checkpoint From(UserModelVersion version) => new(version.ModelVersion, version.CreatedAt, version.Metrics, version.Active);
    }

    public sealed record CheckpointList(IReadOnlyList<Checkpoint> Items);
}
