using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Scale.Functions.Api;

namespace Scale.Functions.Azure.Http;

/// <summary>/categorization/* → <see cref="CategorizationApi"/>.</summary>
public sealed class CategorizationFunctions(CategorizationApi api)
{
    [Function(ApiRoutes.Names.ListCategories)]
    public Task<IResult> ListCategories(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Templates.Categories)] HttpRequest request,
        CancellationToken cancellationToken) => api.ListCategories(request, cancellationToken);

    [Function(ApiRoutes.Names.Classify)]
    public Task<IResult> Classify(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Templates.Classify)] HttpRequest request,
        CancellationToken cancellationToken) => api.Classify(request, cancellationToken);

    [Function(ApiRoutes.Names.ClassifyBatch)]
    public Task<IResult> ClassifyBatch(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Templates.ClassifyBatch)] HttpRequest request,
        CancellationToken cancellationToken) => api.ClassifyBatch(request, cancellationToken);

    [Function(ApiRoutes.Names.SubmitFeedback)]
    public Task<IResult> SubmitFeedback(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Templates.Feedback)] HttpRequest request,
        CancellationToken cancellationToken) => api.SubmitFeedback(request, cancellationToken);

    [Function(ApiRoutes.Names.ListMerchantRenames)]
    public Task<IResult> ListMerchantRenames(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Templates.MerchantRenames)] HttpRequest request,
        CancellationToken cancellationToken) => api.ListMerchantRenames(request, cancellationToken);

    [Function(ApiRoutes.Names.ListCategoryRules)]
    public Task<IResult> ListCategoryRules(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Templates.CategoryRules)] HttpRequest request,
        CancellationToken cancellationToken) => api.ListCategoryRules(request, cancellationToken);

    // The route parameter binds by name, so the C# parameter carries the template's snake_case name.
#pragma warning disable CA1707
    [Function(ApiRoutes.Names.UndoMerchantRename)]
    public Task<IResult> UndoMerchantRename(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = ApiRoutes.Templates.MerchantRename)] HttpRequest request,
        string merchant_key,
        CancellationToken cancellationToken) => api.UndoMerchantRename(request, merchant_key, cancellationToken);

    [Function(ApiRoutes.Names.DeleteCategoryRule)]
    public Task<IResult> DeleteCategoryRule(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = ApiRoutes.Templates.CategoryRule)] HttpRequest request,
        string rule_key,
        CancellationToken cancellationToken) => api.DeleteCategoryRule(request, rule_key, cancellationToken);
#pragma warning restore CA1707
}
