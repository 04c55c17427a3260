using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Scale.Functions.Api;

namespace Scale.Functions.Azure.Http;

/// <summary>/ingestion/* → <see cref="IngestionApi"/>.</summary>
public sealed class IngestionFunctions(IngestionApi api)
{
    [Function(ApiRoutes.Names.ImportTransactions)]
    public Task<IResult> ImportTransactions(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Templates.Import)] HttpRequest request,
        CancellationToken cancellationToken) => api.ImportTransactions(request, cancellationToken);

    [Function(ApiRoutes.Names.ParseStatement)]
    public Task<IResult> ParseStatement(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Templates.Parse)] HttpRequest request,
        CancellationToken cancellationToken) => api.ParseStatement(request, cancellationToken);

    [Function(ApiRoutes.Names.CreateUpload)]
    public Task<IResult> CreateUpload(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Templates.Uploads)] HttpRequest request,
        CancellationToken cancellationToken) => api.CreateUpload(request, cancellationToken);

    [Function(ApiRoutes.Names.ListUploads)]
    public Task<IResult> ListUploads(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Templates.Uploads)] HttpRequest request,
        CancellationToken cancellationToken) => api.ListUploads(request, cancellationToken);

    // The route parameter binds by name, so the C# parameter carries the template's snake_case name.
#pragma warning disable CA1707
    [Function(ApiRoutes.Names.GetUpload)]
    public Task<IResult> GetUpload(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Templates.Upload)] HttpRequest request,
        string upload_id,
        CancellationToken cancellationToken) => api.GetUpload(request, upload_id, cancellationToken);
#pragma warning restore CA1707
}
