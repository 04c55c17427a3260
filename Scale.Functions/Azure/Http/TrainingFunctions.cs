using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Scale.Functions.Api;
using Scale.Functions.Training;

namespace Scale.Functions.Azure.Http;

/// <summary>/training/* → <see cref="TrainingApi"/>; the starters schedule through the [DurableClient] binding.</summary>
public sealed class TrainingFunctions(TrainingApi api)
{
    [Function(ApiRoutes.Names.StartTrainingJob)]
    public Task<IResult> StartTrainingJob(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Templates.TrainingJobs)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) => api.CreateJob(request, new DurableClientRuns(client), cancellationToken);

    [Function(ApiRoutes.Names.UploadTrainingFile)]
    public Task<IResult> UploadTrainingFile(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Templates.TrainingUpload)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) => api.Upload(request, new DurableClientRuns(client), cancellationToken);

    [Function(ApiRoutes.Names.ListTrainingCheckpoints)]
    public Task<IResult> ListTrainingCheckpoints(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Templates.TrainingCheckpoints)] HttpRequest request,
        CancellationToken cancellationToken) => api.ListCheckpoints(request, cancellationToken);

    // The route parameter binds by name, so the C# parameter carries the template's snake_case name.
#pragma warning disable CA1707
    [Function(ApiRoutes.Names.GetTrainingStatus)]
    public Task<IResult> GetTrainingStatus(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Templates.TrainingStatus)] HttpRequest request,
        string job_id,
        CancellationToken cancellationToken) => api.GetStatus(request, job_id, cancellationToken);

    [Function(ApiRoutes.Names.StreamTrainingStatus)]
    public Task<IResult> StreamTrainingStatus(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Templates.TrainingStatusEvents)] HttpRequest request,
        string job_id,
        CancellationToken cancellationToken) => api.StreamStatus(request, job_id, cancellationToken);
#pragma warning restore CA1707
}
