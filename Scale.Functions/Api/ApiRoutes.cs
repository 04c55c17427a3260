using Scale.Functions.Pipeline.Throttling;

namespace Scale.Functions.Api;

/// <summary>How large a request body a route accepts (bytes are configured in <see cref="Pipeline.BodyLimitOptions"/>).</summary>
public enum BodyLimit
{
    None,
    Small,
    Import,
    Upload,
}

/// <summary>One HTTP route as both hosts see it: function name, method, template under /api/v1, throttle tier.</summary>
public sealed record ApiRoute(string Name, string Method, string Template, ThrottleTier Tier, BodyLimit Body, bool Anonymous = false);

/// <summary>
/// The single source of route strings and function names. The Functions host uses the constants in
/// <c>[Function]</c>/<c>[HttpTrigger(Route = ...)]</c> (host.json sets routePrefix "api/v1"); the local host maps
/// <see cref="All"/> under <see cref="Prefix"/>. Blob paths live in <see cref="BlobPaths"/>.
/// </summary>
public static class ApiRoutes
{
    public const string Prefix = "/api/v1";

    public static class Names
    {
        public const string HealthLive = nameof(HealthLive);
        public const string HealthReady = nameof(HealthReady);
        public const string GetProfile = nameof(GetProfile);
        public const string UpdateSettings = nameof(UpdateSettings);
        public const string ImportTransactions = nameof(ImportTransactions);
        public const string ParseStatement = nameof(ParseStatement);
        public const string CreateUpload = nameof(CreateUpload);
        public const string ListUploads = nameof(ListUploads);
        public const string GetUpload = nameof(GetUpload);
        public const string ListTransactions = nameof(ListTransactions);
        public const string UnlinkTransfer = nameof(UnlinkTransfer);
        public const string ListCategories = nameof(ListCategories);
        public const string Classify = nameof(Classify);
        public const string ClassifyBatch = nameof(ClassifyBatch);
        public const string SubmitFeedback = nameof(SubmitFeedback);
        public const string ListMerchantRenames = nameof(ListMerchantRenames);
        public const string UndoMerchantRename = nameof(UndoMerchantRename);
        public const string ListCategoryRules = nameof(ListCategoryRules);
        public const string DeleteCategoryRule = nameof(DeleteCategoryRule);
        public const string StartTrainingJob = nameof(StartTrainingJob);
        public const string UploadTrainingFile = nameof(UploadTrainingFile);
        public const string GetTrainingStatus = nameof(GetTrainingStatus);
        public const string StreamTrainingStatus = nameof(StreamTrainingStatus);
        public const string ListTrainingCheckpoints = nameof(ListTrainingCheckpoints);
        public const string CorsPreflight = nameof(CorsPreflight);
        /// <summary>Lowest-precedence catch-all: a problem+json 404/405 instead of the host's bare 404.</summary>
        public const string UnmatchedRoute = nameof(UnmatchedRoute);
        public const string GetOpenApiDocument = nameof(GetOpenApiDocument);

        // Anomaly alerts (issue 9).
        public const string ListAnomalyAlerts = nameof(ListAnomalyAlerts);
        public const string DismissAnomalyAlert = nameof(DismissAnomalyAlert);

        // Forecasting (issue 9).
        public const string GetForecast = nameof(GetForecast);
        public const string GetUserForecast = nameof(GetUserForecast);
    }

    public static class Templates
    {
        public const string HealthLive = "health";
        public const string HealthReady = "health/ready";
        public const string Profile = "profile";
        public const string Settings = "settings";
        public const string Import = "ingestion/import";
        public const string Parse = "ingestion/parse";
        public const string Uploads = "ingestion/uploads";
        public const string Upload = "ingestion/uploads/{upload_id}";
        public const string Transactions = "transactions";
        public const string TransferPair = "transactions/transfers/{pair_id}";
        public const string Categories = "categorization/categories";
        public const string Classify = "categorization/classify";
        public const string ClassifyBatch = "categorization/classify/batch";
        public const string Feedback = "categorization/feedback";
        public const string MerchantRenames = "categorization/merchants";
        public const string MerchantRename = "categorization/merchants/{merchant_key}";
        public const string CategoryRules = "categorization/rules";
        public const string CategoryRule = "categorization/rules/{rule_key}";
        public const string OpenApiDocument = "openapi.json";
        public const string TrainingJobs = "training/jobs";
        public const string TrainingUpload = "training/upload";
        public const string TrainingStatus = "training/status/{job_id}";
        public const string TrainingStatusEvents = "training/status/{job_id}/events";
        public const string TrainingCheckpoints = "training/checkpoints";
        /// <summary>
        /// Catch-all: OPTIONS preflights (so the shared CORS step answers them) and requests no route takes. Route
        /// precedence puts it after every literal and parameter template.
        /// </summary>
        public const string AnyPath = "{*path}";

        // Anomaly alerts (issue 9).
        public const string AnomalyAlerts = "anomaly/alerts";
        public const string DismissAnomalyAlert = "anomaly/alerts/{alert_id}/dismiss";

        // Forecasting (issue 9).
        public const string Forecast = "forecast";
        public const string UserForecast = "forecast/{user_id}";
    }

    public static readonly ApiRoute HealthLive = new(Names.HealthLive, "GET", Templates.HealthLive, ThrottleTier.Unlimited, BodyLimit.None, Anonymous: true);
    public static readonly ApiRoute HealthReady = new(Names.HealthReady, "GET", Templates.HealthReady, ThrottleTier.Unlimited, BodyLimit.None, Anonymous: true);
    public static readonly ApiRoute GetProfile = new(Names.GetProfile, "GET", Templates.Profile, ThrottleTier.Default, BodyLimit.None);
    public static readonly ApiRoute UpdateSettings = new(Names.UpdateSettings, "PUT", Templates.Settings, ThrottleTier.Default, BodyLimit.Small);
    public static readonly ApiRoute ImportTransactions = new(Names.ImportTransactions, "POST", Templates.Import, ThrottleTier.Import, BodyLimit.Import);
    public static readonly ApiRoute ParseStatement = new(Names.ParseStatement, "POST", Templates.Parse, ThrottleTier.Import, BodyLimit.Upload);
    public static readonly ApiRoute CreateUpload = new(Names.CreateUpload, "POST", Templates.Uploads, ThrottleTier.Import, BodyLimit.Upload);
    public static readonly ApiRoute ListUploads = new(Names.ListUploads, "GET", Templates.Uploads, ThrottleTier.Default, BodyLimit.None);
    public static readonly ApiRoute GetUpload = new(Names.GetUpload, "GET", Templates.Upload, ThrottleTier.Default, BodyLimit.None);
    public static readonly ApiRoute ListTransactions = new(Names.ListTransactions, "GET", Templates.Transactions, ThrottleTier.Default, BodyLimit.None);
    public static readonly ApiRoute UnlinkTransfer = new(Names.UnlinkTransfer, "DELETE", Templates.TransferPair, ThrottleTier.Default, BodyLimit.None);
    public static readonly ApiRoute ListCategories = new(Names.ListCategories, "GET", Templates.Categories, ThrottleTier.Default, BodyLimit.None);
    public static readonly ApiRoute Classify = new(Names.Classify, "POST", Templates.Classify, ThrottleTier.Classify, BodyLimit.Small);
    public static readonly ApiRoute ClassifyBatch = new(Names.ClassifyBatch, "POST", Templates.ClassifyBatch, ThrottleTier.Classify, BodyLimit.Import);
    public static readonly ApiRoute SubmitFeedback = new(Names.SubmitFeedback, "POST", Templates.Feedback, ThrottleTier.Default, BodyLimit.Small);
    /// <summary>The merchant names the user gave by feedback (issue 12 item 5).</summary>
    public static readonly ApiRoute ListMerchantRenames = new(Names.ListMerchantRenames, "GET", Templates.MerchantRenames, ThrottleTier.Default, BodyLimit.None);
    public static readonly ApiRoute UndoMerchantRename = new(Names.UndoMerchantRename, "DELETE", Templates.MerchantRename, ThrottleTier.Default, BodyLimit.None);
    public static readonly ApiRoute ListCategoryRules = new(Names.ListCategoryRules, "GET", Templates.CategoryRules, ThrottleTier.Default, BodyLimit.None);
    public static readonly ApiRoute DeleteCategoryRule = new(Names.DeleteCategoryRule, "DELETE", Templates.CategoryRule, ThrottleTier.Default, BodyLimit.None);
    /// <summary>Anonymous but throttled per client IP (Default tier): it is cacheable, so clients rarely need it twice.</summary>
    public static readonly ApiRoute GetOpenApiDocument = new(Names.GetOpenApiDocument, "GET", Templates.OpenApiDocument, ThrottleTier.Default, BodyLimit.None, Anonymous: true);

    // Starting a run is the expensive call (the training tier); reading status and checkpoints is not.
    public static readonly ApiRoute StartTrainingJob = new(Names.StartTrainingJob, "POST", Templates.TrainingJobs, ThrottleTier.Training, BodyLimit.Small);
    public static readonly ApiRoute UploadTrainingFile = new(Names.UploadTrainingFile, "POST", Templates.TrainingUpload, ThrottleTier.Training, BodyLimit.Upload);
    public static readonly ApiRoute GetTrainingStatus = new(Names.GetTrainingStatus, "GET", Templates.TrainingStatus, ThrottleTier.Default, BodyLimit.None);
    public static readonly ApiRoute StreamTrainingStatus = new(Names.StreamTrainingStatus, "GET", Templates.TrainingStatusEvents, ThrottleTier.Default, BodyLimit.None);
    public static readonly ApiRoute ListTrainingCheckpoints = new(Names.ListTrainingCheckpoints, "GET", Templates.TrainingCheckpoints, ThrottleTier.Default, BodyLimit.None);

    // Anomaly alerts (issue 9): reads and a body-less dismissal, Default tier.
    public static readonly ApiRoute ListAnomalyAlerts = new(Names.ListAnomalyAlerts, "GET", Templates.AnomalyAlerts, ThrottleTier.Default, BodyLimit.None);
    public static readonly ApiRoute DismissAnomalyAlert = new(Names.DismissAnomalyAlert, "POST", Templates.DismissAnomalyAlert, ThrottleTier.Default, BodyLimit.None);

    // Forecasts (issue 9): reads; a cache miss fits the user's history, bounded by the Default tier's rate.
    public static readonly ApiRoute GetForecast = new(Names.GetForecast, "GET", Templates.Forecast, ThrottleTier.Default, BodyLimit.None);
    public static readonly ApiRoute GetUserForecast = new(Names.GetUserForecast, "GET", Templates.UserForecast, ThrottleTier.Default, BodyLimit.None);

    public static IReadOnlyList<ApiRoute> All { get; } =
    [
        HealthLive, HealthReady, GetProfile, UpdateSettings, ImportTransactions, ParseStatement, CreateUpload,
        ListUploads, GetUpload, ListTransactions, UnlinkTransfer, ListCategories, Classify, ClassifyBatch, SubmitFeedback,
        ListMerchantRenames, UndoMerchantRename, ListCategoryRules, DeleteCategoryRule, GetOpenApiDocument,
        StartTrainingJob, UploadTrainingFile, GetTrainingStatus, StreamTrainingStatus, ListTrainingCheckpoints,
        ListAnomalyAlerts, DismissAnomalyAlert,
        GetForecast, GetUserForecast,
    ];

    private static readonly Dictionary<string, ApiRoute> ByName = All.ToDictionary(r => r.Name, StringComparer.Ordinal);

    /// <summary>Functions host: the route behind an invoked function name (null for non-HTTP functions).</summary>
    public static ApiRoute? FindByFunctionName(string functionName) => ByName.GetValueOrDefault(functionName);
}

/// <summary>Blob container and path conventions shared by the upload API, the blob trigger and the local watcher.</summary>
public static class BlobPaths
{
    public const string StatementsContainer = "statements";
    /// <summary>Functions blob trigger path (container/{name}); the name is "{user_id}/{upload_id}/{file_name}".</summary>
    public const string StatementsTrigger = StatementsContainer + "/{name}";
    public const string PoisonContainer = "statements-poison";
    public const string StorageConnection = "StatementStorage";
}
