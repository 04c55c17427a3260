using Scale.Domain.Transactions;

namespace Scale.Domain.Categorization;

/// <summary>
/// What the classifier sees of a transaction. <paramref name="Holder"/> is the user's own names and account
/// numbers (from their settings), so a transfer to themselves can be told from one to another person.
/// </summary>
public sealed record ClassificationInput(
    string Description,
    string? Merchant = null,
    decimal? Amount = null,
    TransactionType? Type = null,
    DateOnly? Date = null,
    AccountHolder? Holder = null);

public sealed record CategoryScore(string Category, double Confidence);

/// <summary>Where a category came from: a user's learned rule, the model, or the fallback.</summary>
public static class ClassificationSources
{
    public const string Rule = "rule";
    public const string Model = "model";
    public const string Default = "default";
}

public sealed record ClassificationResult(
    string Category,
    double Confidence,
    string Source,
    string ModelVersion,
    IReadOnlyList<CategoryScore> Alternatives,
    string Explanation)
{
    /// <summary>
    /// The counterparty the narration names, as the narration analysis behind this answer read it (a rule's or the
    /// model's); null when it names none or nothing was analyzed (empty input, a classifier other than the linear
    /// model). Not part of the API response: imports use it to fill a display merchant without analyzing the
    /// narration a second time.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? DetectedMerchant { get; init; }
}

/// <summary>The shipped/published text model. Thread-safe; pure function of its input.</summary>
public interface ITransactionClassifier
{
    string ModelVersion { get; }
    ClassificationResult Classify(ClassificationInput input);
}
