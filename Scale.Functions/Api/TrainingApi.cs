using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Scale.Functions.Api.Http;
using Scale.Functions.Infrastructure.Categorization;
using Scale.Functions.Infrastructure.Training;
using Scale.Functions.Training;
using static Scale.Functions.Api.TrainingModels;

namespace Scale.Functions.Api;

/// <summary>
/// POST /training/jobs, POST /training/upload, GET /training/status/{job_id}(/events), GET /training/checkpoints.
/// Status is read from Postgres only. The engine client (<see cref="ITrainingRuns"/>) is passed in by each host:
/// the local engine, or the Functions [DurableClient].
/// </summary>
public sealed class TrainingApi(
    TrainingJobStore jobs,
    UserModelStore models,
    TrainingUploads uploads,
    IOptions<TrainingOptions> options,
    IdempotentRequests idempotency,
    ILogger<TrainingApi> logger)
{
    /// <summary>How often the event stream looks at the job's row.</summary>
    public static readonly TimeSpan EventPollInterval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan KeepAliveInterval = TimeSpan.FromSeconds(15);

    public Task<IResult> CreateJob(HttpRequest request, ITrainingRuns runs, CancellationToken cancellationToken) =>
        idempotency.RunAsync(request, () => CreateJobAsync(request, runs, cancellationToken), cancellationToken);

    private async Task<IResult> CreateJobAsync(HttpRequest request, ITrainingRuns runs, CancellationToken cancellationToken)
    {
        if (await ReadEmptyObjectAsync(request, cancellationToken) is { } problem) return problem;
        return await StartAsync(request.UserId(), "api", null, runs, cancellationToken);
    }

    public Task<IResult> Upload(HttpRequest request, ITrainingRuns runs, CancellationToken cancellationToken) =>
        idempotency.RunAsync(request, () => UploadAsync(request, runs, cancellationToken), cancellationToken);

    private async Task<IResult> UploadAsync(HttpRequest request, ITrainingRuns runs, CancellationToken cancellationToken)
    {
        var (form, problem) = await StatementForms.ReadAsync(request, cancellationToken);
        if (problem is not null) return problem;
        var userId = request.UserId();
        var (imported, uploadProblem) = await uploads.ImportAsync(userId, form!, cancellationToken);
        if (uploadProblem is not null) return uploadProblem;
        return await StartAsync(userId, "upload", imported!.ImportId, runs, cancellationToken);
    }

    public async Task<IResult> GetStatus(HttpRequest request, string jobId, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(jobId, out var id)) return Problems.Validation("job_id", "Must be a training job id (a UUID).");
        var job = await jobs.GetAsync(request.UserId(), id, cancellationToken);
        // Another user's job is indistinguishable from a missing one.
        return job is null ? Problems.NotFound("No training job with this id.") : TypedResults.Ok(JobStatus.From(job));
    }

    public async Task<IResult> StreamStatus(HttpRequest request, string jobId, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(jobId, out var id)) return Problems.Validation("job_id", "Must be a training job id (a UUID).");
        var userId = request.UserId();
        var first = await jobs.GetAsync(userId, id, cancellationToken);
        if (first is null) return Problems.NotFound("No training job with this id.");
        return new StatusEvents(first, () => jobs.GetAsync(userId, id, CancellationToken.None));
    }

    public async Task<IResult> ListCheckpoints(HttpRequest request, CancellationToken cancellationToken)
    {
        var versions = await models.ListAsync(request.UserId(), cancellationToken);
        return TypedResults.Ok(new CheckpointList(versions.Select(Checkpoint.From).ToList()));
    }

    private async Task<IResult> StartAsync(string userId, string origin, Guid? importId, ITrainingRuns runs, CancellationToken cancellationToken)
    {
        var jobId = Guid.CreateVersion7();
        // Row first, then the run: the activities only ever update a row that exists.
        await jobs.CreateAsync(jobId, userId, origin, importId, cancellationToken);
        try
        {
            await runs.ScheduleAsync(new TrainingRunInput(jobId, userId, options.Value.MaxAttempts, options.Value.FirstRetrySeconds), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Scheduling training job {JobId} failed", jobId);
            await jobs.FailAsync(jobId, userId, "The training run could not be started; try again shortly.", CancellationToken.None);
            return Problems.ServiceUnavailable("The training engine is not reachable; try again shortly.", Pipeline.RequestPipeline.TransientRetryAfterSeconds);
        }
        logger.LogInformation("Training job {JobId} queued for {UserId} ({Origin})", jobId, userId, origin);
        return TypedResults.Accepted($"{ApiRoutes.Prefix}/training/status/{jobId}", new JobAccepted(jobId, TrainingStatuses.Queued));
    }

    /// <summary>The body of POST /training/jobs is an empty object (or nothing); anything else is a mistake worth saying.</summary>
    private static async Task<IResult?> ReadEmptyObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length == 0) return null;
        if (!JsonBody.IsJson(request.ContentType)) return Problems.UnsupportedMediaType("Send the body as application/json ({}).");
        try
        {
            using var document = JsonDocument.Parse(buffer.ToArray());
            return document.RootElement.ValueKind == JsonValueKind.Object ? null : Problems.Validation("body", "Must be a JSON object ({}).");
        }
        catch (JsonException)
        {
            return Problems.MalformedJson("The body is not valid JSON.");
        }
    }

    /// <summary>
    /// Server-sent events: one "status" event per change of the job's row (status, step, progress), ending after
    /// the final status. The sweeper guarantees every job ends, so the stream does too.
    /// </summary>
    private sealed class StatusEvents(TrainingJob first, Func<Task<TrainingJob?>> reload) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            var aborted = httpContext.RequestAborted;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "text/event-stream";
            response.Headers.CacheControl = "no-cache";
            response.Headers["X-Accel-Buffering"] = "no";

            TrainingJob? last = null;
            var job = first;
            var quietSince = DateTime.UtcNow;
            try
            {
                while (true)
                {
                    if (last is null || job.Status != last.Status || job.Step != last.Step || !job.Progress.Equals(last.Progress))
                    {
                        var json = JsonSerializer.Serialize(JobStatus.From(job), ScaleJson.Options);
                        await response.WriteAsync($"event: status\ndata: {json}\n\n", aborted);
                        await response.Body.FlushAsync(aborted);
                        last = job;
                        quietSince = DateTime.UtcNow;
                        if (TrainingStatuses.IsFinal(job.Status)) return;
                    }
                    else if (DateTime.UtcNow - quietSince > KeepAliveInterval)
                    {
                        await response.WriteAsync(": keep-alive\n\n", aborted);
                        await response.Body.FlushAsync(aborted);
                        quietSince = DateTime.UtcNow;
                    }
                    await Task.Delay(EventPollInterval, aborted);
                    job = await reload() ?? job;
                }
            }
            catch (OperationCanceledException) when (aborted.IsCancellationRequested)
            {
                // The client went away.
            }
        }
    }
}
