using Scale.Functions.Api;

namespace Scale.Functions.Infrastructure.Telemetry;

/// <summary>One signal on-call dashboards and alerts query: a log message the app writes, as Application Insights
/// stores it (a <c>traces</c> row whose <c>customDimensions.OriginalFormat</c> is <paramref name="Template"/>, with
/// one <c>customDimensions</c> entry per named placeholder).</summary>
public sealed record TraceSignal(string Name, string Template, string Meaning)
{
    /// <summary>The placeholders of the template: the customDimensions a query may read.</summary>
    public IReadOnlyList<string> Properties { get; } =
        System.Text.RegularExpressions.Regex.Matches(Template, @"\{([A-Za-z]+)\}").Select(m => m.Groups[1].Value).ToList();
}

/// <summary>
/// Every name the alerts, workbook and SLO queries (infra/monitoring/) rely on, in one place, documented in
/// docs/operations/telemetry.md. Requests are the Functions host's own <c>requests</c> rows, named by function
/// (<see cref="ApiRoutes.Names"/> and <see cref="StatementBlobFunction"/>); the operational events are the log
/// messages below. A test (Deployment/TelemetryQueryTests) fails when a query names anything not listed here, and
/// when a template here is no longer written by the code: change both together.
/// </summary>
public static class TelemetryNames
{
    /// <summary>The blob trigger's function name (Azure/Blob/StatementBlobFunction.cs).</summary>
    public const string StatementBlobFunction = "ProcessStatementBlob";

    /// <summary>Dimensions the Application Insights logger adds to every trace.</summary>
    public static readonly IReadOnlyList<string> LoggerProperties = ["OriginalFormat", "CategoryName"];

    public static readonly TraceSignal ImportCompleted = new(nameof(ImportCompleted),
        "Upload {UploadId} completed: {Inserted} inserted, {Duplicates} duplicates",
        "A statement upload was imported (import volume: rows inserted and duplicates skipped).");

    public static readonly TraceSignal ImportRejected = new(nameof(ImportRejected),
        "Upload {UploadId} rejected: {Reason}",
        "A statement could not be read (wrong format, password, empty): the user's problem, moved to poison.");

    public static readonly TraceSignal ImportGaveUp = new(nameof(ImportGaveUp),
        "Upload {UploadId} failed on attempt {Attempt}; giving up",
        "Processing failed Ingestion__MaxAttempts times: our problem; the blob is in statements-poison.");

    public static readonly TraceSignal ImportRetrying = new(nameof(ImportRetrying),
        "Upload {UploadId} failed on attempt {Attempt}; will retry",
        "A processing attempt failed and will be retried.");

    public static readonly TraceSignal PoisonBlobName = new(nameof(PoisonBlobName),
        "Blob {BlobName} has no user segment; moved to poison",
        "A blob landed in statements/ outside the {user_id}/{upload_id}/{file} layout.");

    public static readonly TraceSignal RedisFallback = new(nameof(RedisFallback),
        "Redis rate limiting unavailable ({FailureKind}); using per-instance limits for at least {ProbeIntervalSeconds} s",
        "Throttling fell back to per-instance windows because Redis failed.");

    public static readonly TraceSignal RedisRestored = new(nameof(RedisRestored),
        "Rate limiting is back on Redis after an outage",
        "Throttling is back on the shared Redis windows.");

    public static readonly TraceSignal SigningKeysUnavailable = new(nameof(SigningKeysUnavailable),
        "Signing keys unavailable; rejecting {Route} with 503",
        "Token signing keys (JWKS) could not be fetched: authenticated routes answer 503.");

    public static readonly TraceSignal TrainingCompleted = new(nameof(TrainingCompleted),
        "Training job {JobId} completed in {DurationSeconds} s on {TrainingRows} rows: accuracy {Accuracy} against {BaselineAccuracy}, published {Published}",
        "A training run finished: its duration from request to result, the candidate's held-out accuracy against the model in use, and whether it was published.");

    public static readonly TraceSignal TrainingFailed = new(nameof(TrainingFailed),
        "Training job {JobId} failed: {Error}",
        "A training run failed on its own (too little data, a step that failed on every attempt); the user sees the error.");

    public static readonly TraceSignal TrainingStuck = new(nameof(TrainingStuck),
        "Stuck training job {JobId} of {UserId} failed by the sweeper ({Status}, step {Step}): {Error}",
        "The sweeper failed a job whose run vanished or ended without a result, or that overran Training__MaxRunMinutes (its run is terminated).");

    public static readonly TraceSignal ClassificationServed = new(nameof(ClassificationServed),
        "Classified {Count} transactions: mean confidence {MeanConfidence}, {LowConfidence} below 0.5, {ByRule} by the user's rules",
        "One classify or batch classify request: how many answers, their mean confidence, how many under 0.5 and how many a user's rule decided.");

    public static readonly TraceSignal TransactionsImported = new(nameof(TransactionsImported),
        "Import {ImportId} ({Source}) for {UserId}: {Received} received, {Inserted} inserted ({CategorizedByScale} categorized by SCALE), {Duplicates} duplicates, {Zero} zero, {Rejected} rejected, {TransfersLinked} transfers linked",
        "One import through any path (api, statement, training): rows stored, and how many of them carry a category SCALE chose (a rule, the model, or Uncategorized) rather than one the source gave.");

    public static readonly TraceSignal CategoryCorrected = new(nameof(CategoryCorrected),
        "Feedback on a transaction categorized by {ServedSource} as {ServedCategory}: set to {Category}, {Recategorized} more of its merchant's transactions recategorized",
        "A user's feedback on one of their transactions: who had chosen the category it showed (rule, model, default, source, feedback, or unknown for rows stored before sources were recorded), that category, the one the user chose, and how many of the merchant's other rows followed.");

    public static readonly IReadOnlyList<TraceSignal> Traces =
    [
        ImportCompleted, ImportRejected, ImportGaveUp, ImportRetrying, PoisonBlobName, RedisFallback, RedisRestored,
        SigningKeysUnavailable, TrainingCompleted, TrainingFailed, TrainingStuck, ClassificationServed,
        TransactionsImported, CategoryCorrected,
    ];

    /// <summary>Function names that appear as <c>requests.name</c>: every HTTP function and the blob trigger.</summary>
    public static IReadOnlyList<string> RequestNames { get; } =
        typeof(ApiRoutes.Names).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!)
            .Append(StatementBlobFunction).ToList();
}
