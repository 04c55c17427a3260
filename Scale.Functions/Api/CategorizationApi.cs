using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Scale.Domain.Categorization;
using Scale.Domain.Ingestion;
using Scale.Domain.Transactions;
using Scale.Functions.Api.Http;
using Scale.Functions.Infrastructure.Categorization;
using Scale.Functions.Infrastructure.Transactions;

namespace Scale.Functions.Api;

/// <summary>GET /categorization/categories, POST classify, classify/batch and feedback, GET and DELETE /categorization/merchants
/// and /categorization/rules.</summary>
public sealed class CategorizationApi(CategorizationService categorization, CategoryRuleStore rules, MerchantOverrideStore merchants,
    CategoryRuleRemoval ruleRemoval, UserTransactionsChanged changed, ILogger<CategorizationApi> logger)
{
    public Task<IResult> ListCategories(HttpRequest request, CancellationToken cancellationToken) =>
        Task.FromResult<IResult>(TypedResults.Ok(new CategoriesResponse(Taxonomy.All)));

    public async Task<IResult> Classify(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<ClassifyRequest>(request, cancellationToken);
        if (body.Problem is not null) return body.Problem;
        var errors = new Dictionary<string, string[]>();
        var input = body.Value!.Validate(string.Empty, errors);
        if (input is null) return Problems.Validation(errors);
        var result = await categorization.ClassifyAsync(request.UserId(), input, cancellationToken);
        ClassificationConfidence.Log(logger, [result]);
        return TypedResults.Ok(result);
    }

    public async Task<IResult> ClassifyBatch(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<ClassifyBatchRequest>(request, cancellationToken);
        if (body.Problem is not null) return body.Problem;
        var items = body.Value!.Transactions;
        if (items is null) return Problems.Validation("transactions", "Required: an array of transactions to classify.");
        if (items.Count > ClassifyBatchRequest.MaxItems)
            return Problems.PayloadTooLarge($"A batch holds at most {ClassifyBatchRequest.MaxItems} transactions; this one has {items.Count}.");

        var errors = new Dictionary<string, string[]>();
        var inputs = new List<ClassificationInput>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var prefix = $"transactions[{i}].";
            if (items[i] is null) { errors[prefix[..^1]] = ["Must be an object."]; continue; }
            if (items[i]!.Validate(prefix, errors) is { } input) inputs.Add(input);
        }
        if (errors.Count > 0) return Problems.Validation(errors);
        var results = await categorization.ClassifyBatchAsync(request.UserId(), inputs, cancellationToken);
        ClassificationConfidence.Log(logger, results);
        return TypedResults.Ok(new ClassifyBatchResponse(results));
    }

    public async Task<IResult> SubmitFeedback(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<FeedbackRequest>(request, cancellationToken);
        if (body.Problem is not null) return body.Problem;
        var feedback = body.Value!;

        var errors = new Dictionary<string, string[]>();
        if (!Taxonomy.TryNormalize(feedback.Category, out var category))
            errors["category"] = [$"Must be one of: {string.Join(", ", Taxonomy.All)}."];
        long? transactionId = null;
        if (feedback.TransactionId.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null))
        {
            if (TryReadId(feedback.TransactionId, out var id)) transactionId = id;
            else errors["transaction_id"] = ["Must be a transaction id returned by GET /transactions."];
        }
        else if (string.IsNullOrWhiteSpace(feedback.Description))
            errors["description"] = ["Required when transaction_id is not given."];
        var type = ClassifyRequest.ReadType(feedback.Type, "type", errors);
        if (feedback.Description is { Length: > ClassifyRequest.MaxDescriptionLength }) errors["description"] = [$"At most {ClassifyRequest.MaxDescriptionLength} characters."];
        if (feedback.Merchant is { Length: > ClassifyRequest.MaxMerchantLength }) errors["merchant"] = [$"At most {ClassifyRequest.MaxMerchantLength} characters."];
        foreach (var (field, value) in new[] { ("description", feedback.Description), ("merchant", feedback.Merchant) })
            if (!errors.ContainsKey(field) && TextRules.ContainsDisallowedControl(value)) errors[field] = [TextRules.ControlCharacterFieldError];
        if (errors.Count > 0) return Problems.Validation(errors);

        var merchant = string.IsNullOrWhiteSpace(feedback.Merchant) ? null : feedback.Merchant.Trim();
        var correction = await rules.SaveAsync(request.UserId(), new FeedbackInput(transactionId, feedback.Description?.Trim(), merchant, category, type), cancellationToken);
        if (correction is null) return Problems.NotFound($"Transaction {transactionId} was not found.");
        if (transactionId is not null)
        {
            // The classification-accuracy SLO pairs this with the answers stored (docs/operations/slo.md).
            logger.LogInformation("Feedback on a transaction categorized by {ServedSource} as {ServedCategory}: set to {Category}, {Recategorized} more of its merchant's transactions recategorized",
                correction.ServedSource ?? "unknown", correction.ServedCategory ?? "none", correction.Category, correction.Recategorized);
            await changed.NotifyAsync(request.UserId(), TransactionsChangeKind.Recategorized, cancellationToken);
        }
        if (correction.RuleKey.Length == 0 && transactionId is null)
            return Problems.Validation("description", "The narration has no words to learn a rule from.");
        // rule_key null: the transaction was recategorized, but its narration has nothing to learn a rule from.
        return TypedResults.Ok(new FeedbackResponse(correction.Category, correction.RuleKey.Length == 0 ? null : correction.RuleKey,
            transactionId?.ToString(CultureInfo.InvariantCulture), transactionId is not null,
            correction.Rename?.DisplayName, correction.Rename?.TransactionsRenamed ?? 0, correction.Recategorized,
            correction.RuleKey.Length == 0 ? null : correction.Example.Type?.ToWire() ?? RuleDirections.Any));
    }

    /// <summary>The user's merchant renames, the newest first (at most <see cref="MerchantOverrideStore.MaxListed"/>).</summary>
    public async Task<IResult> ListMerchantRenames(HttpRequest request, CancellationToken cancellationToken) =>
        TypedResults.Ok(new MerchantRenamesResponse(await merchants.ListAsync(request.UserId(), cancellationToken)));

    /// <summary>Undoes one of the user's merchant renames, keyed as the listing gives it.</summary>
    public async Task<IResult> UndoMerchantRename(HttpRequest request, string merchantKey, CancellationToken cancellationToken)
    {
        // A key no rename can have (over the stored bound) is a rename this user does not have: the same 404.
        if (merchantKey.Length is 0 or > MerchantOverrideStore.MaxKeyLength
            || await merchants.UndoAsync(request.UserId(), merchantKey, cancellationToken) is not { } undone)
            return Problems.NotFound("No merchant rename with this key.");
        await changed.NotifyAsync(request.UserId(), TransactionsChangeKind.MerchantRenamed, cancellationToken);
        return TypedResults.Ok(undone);
    }

    private static bool TryReadId(JsonElement element, out long id)
    {
        id = 0;
        return element.ValueKind switch
        {
            JsonValueKind.Number => element.TryGetInt64(out id) && id > 0,
            JsonValueKind.String => long.TryParse(element.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0,
            _ => false,
        };
    }

    /// <summary>The user's rules, the newest first (at most <see cref="CategoryRuleRemoval.MaxListed"/>).</summary>
    public async Task<IResult> ListCategoryRules(HttpRequest request, CancellationToken cancellationToken) =>
        TypedResults.Ok(new CategoryRulesResponse(await ruleRemoval.ListAsync(request.UserId(), cancellationToken)));

    /// <summary>Deletes one of the user's rules (for one direction with <c>?direction=</c>, else all of its key's).</summary>
    public async Task<IResult> DeleteCategoryRule(HttpRequest request, string ruleKey, CancellationToken cancellationToken)
    {
        string? direction = null;
        if (request.Query.TryGetValue("direction", out var given))
        {
            direction = given.Count == 1 ? given[0] : null;
            if (direction is null || !RuleDirections.IsValid(direction))
                return Problems.Validation("direction", "Must be \"debit\", \"credit\" or \"any\" (omitted: every direction).");
        }
        // A key no rule can have (over the stored bound) is a rule this user does not have: the same 404.
        if (ruleKey.Length is 0 or > CategoryRuleRemoval.MaxKeyLength
            || await ruleRemoval.DeleteAsync(request.UserId(), ruleKey, direction, cancellationToken) is not { } deleted)
            return Problems.NotFound("No rule with this key" + (direction is null ? "." : " and direction."));
        if (deleted.TransactionsRecategorized > 0)
            await changed.NotifyAsync(request.UserId(), TransactionsChangeKind.Recategorized, cancellationToken);
        return TypedResults.Ok(deleted);
    }
}
