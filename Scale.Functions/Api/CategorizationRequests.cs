using Scale.Domain.Ingestion;
using System.Text.Json;
using Scale.Domain.Categorization;
using Scale.Domain.Transactions;
using Scale.Functions.Infrastructure.Categorization;

namespace Scale.Functions.Api;

/// <summary>POST /categorization/classify body, and one item of a batch.</summary>
public sealed class ClassifyRequest
{
    public string? Description { get; set; }
    public string? Merchant { get; set; }
    public decimal? Amount { get; set; }
    public string? Type { get; set; }
    public DateOnly? Date { get; set; }

    public const int MaxDescriptionLength = 1000;
    public const int MaxMerchantLength = 200;

    /// <summary>The classifier input, or null with the field errors added under <paramref name="prefix"/>.</summary>
    public ClassificationInput? Validate(string prefix, Dictionary<string, string[]> errors)
    {
        var before = errors.Count;
        var description = Description?.Trim();
        if (string.IsNullOrEmpty(description)) errors[prefix + "description"] = ["Required: the transaction narration."];
        else if (description.Length > MaxDescriptionLength) errors[prefix + "description"] = [$"At most {MaxDescriptionLength} characters."];
        else if (TextRules.ContainsDisallowedControl(description)) errors[prefix + "description"] = [TextRules.ControlCharacterFieldError];
        var merchant = string.IsNullOrWhiteSpace(Merchant) ? null : Merchant.Trim();
        if (merchant is { Length: > MaxMerchantLength }) errors[prefix + "merchant"] = [$"At most {MaxMerchantLength} characters."];
        else if (TextRules.ContainsDisallowedControl(merchant)) errors[prefix + "merchant"] = [TextRules.ControlCharacterFieldError];
        if (Amount is < 0 or > 999_999_999_999.99m) errors[prefix + "amount"] = ["Must be between 0 and 999999999999.99."];
        var type = ReadType(Type, prefix + "type", errors);
        return errors.Count > before ? null : new ClassificationInput(description!, merchant, Amount, type, Date);
    }

    /// <summary>An optional "debit"/"credit" field: its value, or null (absent, or invalid with the error added).</summary>
    internal static TransactionType? ReadType(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (value is null) return null;
        if (TransactionTypes.TryParse(value, out var parsed)) return parsed;
        errors[field] = ["Must be \"debit\" or \"credit\"."];
        return null;
    }
}

public sealed class ClassifyBatchRequest
{
    public const int MaxItems = 1000;
    public List<ClassifyRequest?>? Transactions { get; set; }
}

public sealed class FeedbackRequest
{
    /// <summary>A string (as the API returns ids) or a number.</summary>
    public JsonElement TransactionId { get; set; }
    public string? Description { get; set; }
    public string? Merchant { get; set; }
    public string? Category { get; set; }

    /// <summary>"debit" or "credit": the direction a description-only correction is for (omitted: both).</summary>
    public string? Type { get; set; }
}

public sealed record ClassifyBatchResponse(IReadOnlyList<ClassificationResult> Results);

public sealed record CategoriesResponse(IReadOnlyList<string> Categories);

/// <param name="Merchant">The name the transaction's merchant now shows, when the feedback renamed it (else null).</param>
/// <param name="TransactionsRenamed">How many of the user's transactions now show that name (0 without a rename).</param>
/// <param name="TransactionsRecategorized">How many of the user's other transactions of the same merchant, whose
/// category SCALE had chosen, now have the corrected category (0 without a transaction).</param>
/// <param name="RuleDirection">The direction the rule applies to: "debit", "credit" (the transaction's, or the type
/// given) or "any"; null when no rule was learned.</param>
public sealed record FeedbackResponse(string Category, string? RuleKey, string? TransactionId, bool TransactionUpdated,
    string? Merchant = null, int TransactionsRenamed = 0, int TransactionsRecategorized = 0, string? RuleDirection = null);

/// <summary>GET /categorization/rules.</summary>
public sealed record CategoryRulesResponse(IReadOnlyList<CategoryRuleEntry> Items);

/// <summary>GET /categorization/merchants.</summary>
public sealed record MerchantRenamesResponse(IReadOnlyList<MerchantRenameEntry> Items);
