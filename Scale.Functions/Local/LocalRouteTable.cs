using Microsoft.AspNetCore.Http;
using Scale.Functions.Api;
using Scale.Functions.Training;

namespace Scale.Functions.Local;

/// <summary>
/// Route → handler for the local host. Handlers are methods of the per-resource *Api classes taking
/// (HttpRequest, route values, CancellationToken); the Functions classes in Azure/ bind the same methods.
/// </summary>
internal static class LocalRouteTable
{
    public static IReadOnlyList<(ApiRoute Route, Delegate Handler)> Handlers { get; } =
    [
        (ApiRoutes.HealthLive, (HttpRequest r, HealthApi api, CancellationToken ct) => api.HealthLive(r, ct)),
        (ApiRoutes.HealthReady, (HttpRequest r, HealthApi api, CancellationToken ct) => api.HealthReady(r, ct)),
        (ApiRoutes.GetProfile, (HttpRequest r, ProfileApi api, CancellationToken ct) => api.GetProfile(r, ct)),
        (ApiRoutes.UpdateSettings, (HttpRequest r, ProfileApi api, CancellationToken ct) => api.UpdateSettings(r, ct)),
        (ApiRoutes.ListCategories, (HttpRequest r, CategorizationApi api, CancellationToken ct) => api.ListCategories(r, ct)),
        (ApiRoutes.Classify, (HttpRequest r, CategorizationApi api, CancellationToken ct) => api.Classify(r, ct)),
        (ApiRoutes.ClassifyBatch, (HttpRequest r, CategorizationApi api, CancellationToken ct) => api.ClassifyBatch(r, ct)),
        (ApiRoutes.SubmitFeedback, (HttpRequest r, CategorizationApi api, CancellationToken ct) => api.SubmitFeedback(r, ct)),
        (ApiRoutes.ListMerchantRenames, (HttpRequest r, CategorizationApi api, CancellationToken ct) => api.ListMerchantRenames(r, ct)),
        (ApiRoutes.UndoMerchantRename, (HttpRequest r, string merchant_key, CategorizationApi api, CancellationToken ct) => api.UndoMerchantRename(r, merchant_key, ct)),
        (ApiRoutes.ListCategoryRules, (HttpRequest r, CategorizationApi api, CancellationToken ct) => api.ListCategoryRules(r, ct)),
        (ApiRoutes.DeleteCategoryRule, (HttpRequest r, string rule_key, CategorizationApi api, CancellationToken ct) => api.DeleteCategoryRule(r, rule_key, ct)),
        (ApiRoutes.ImportTransactions, (HttpRequest r, IngestionApi api, CancellationToken ct) => api.ImportTransactions(r, ct)),
        (ApiRoutes.ParseStatement, (HttpRequest r, IngestionApi api, CancellationToken ct) => api.ParseStatement(r, ct)),
        (ApiRoutes.CreateUpload, (HttpRequest r, IngestionApi api, CancellationToken ct) => api.CreateUpload(r, ct)),
        (ApiRoutes.ListUploads, (HttpRequest r, IngestionApi api, CancellationToken ct) => api.ListUploads(r, ct)),
        (ApiRoutes.GetUpload, (HttpRequest r, string upload_id, IngestionApi api, CancellationToken ct) => api.GetUpload(r, upload_id, ct)),
        (ApiRoutes.ListTransactions, (HttpRequest r, TransactionsApi api, CancellationToken ct) => api.ListTransactions(r, ct)),
        (ApiRoutes.UnlinkTransfer, (HttpRequest r, string pair_id, TransactionsApi api, CancellationToken ct) => api.UnlinkTransfer(r, pair_id, ct)),
        (ApiRoutes.GetOpenApiDocument, (HttpRequest r, OpenApiApi api, CancellationToken ct) => api.GetOpenApiDocument(r, ct)),
        (ApiRoutes.StartTrainingJob, (HttpRequest r, TrainingApi api, ITrainingRuns runs, CancellationToken ct) => api.CreateJob(r, runs, ct)),
        (ApiRoutes.UploadTrainingFile, (HttpRequest r, TrainingApi api, ITrainingRuns runs, CancellationToken ct) => api.Upload(r, runs, ct)),
        (ApiRoutes.GetTrainingStatus, (HttpRequest r, string job_id, TrainingApi api, CancellationToken ct) => api.GetStatus(r, job_id, ct)),
        (ApiRoutes.StreamTrainingStatus, (HttpRequest r, string job_id, TrainingApi api, CancellationToken ct) => api.StreamStatus(r, job_id, ct)),
        (ApiRoutes.ListTrainingCheckpoints, (HttpRequest r, TrainingApi api, CancellationToken ct) => api.ListCheckpoints(r, ct)),
        // Anomaly alerts (issue 9).
        (ApiRoutes.ListAnomalyAlerts, (HttpRequest r, AnomalyApi api, CancellationToken ct) => api.ListAlerts(r, ct)),
        (ApiRoutes.DismissAnomalyAlert, (HttpRequest r, string alert_id, AnomalyApi api, CancellationToken ct) => api.DismissAlert(r, alert_id, ct)),
        // Forecasting (issue 9).
        (ApiRoutes.GetForecast, (HttpRequest r, ForecastApi api, CancellationToken ct) => api.GetForecast(r, ct)),
        (ApiRoutes.GetUserForecast, (HttpRequest r, string user_id, ForecastApi api, CancellationToken ct) => api.GetUserForecast(r, user_id, ct)),
    ];
}
