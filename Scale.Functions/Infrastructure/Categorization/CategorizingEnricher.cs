using Scale.Domain.Categorization;
using Scale.Domain.Ingestion;
using Scale.Domain.Transactions;

namespace Scale.Functions.Infrastructure.Categorization;

/// <summary>
/// Categorizes imported rows with the same service as the classify API (the user's rules, then the model), and
/// fills a display merchant from the narration where the source gave none. Runs after fingerprinting, so neither
/// a model version nor the narration analyzer can change a transaction's identity.
/// </summary>
public sealed class CategorizingEnricher(CategorizationService categorization) : ITransactionEnricher
{
    public async ValueTask<IReadOnlyList<TransactionDraft>> EnrichAsync(string userId, IReadOnlyList<TransactionDraft> drafts, CancellationToken cancellationToken)
    {
        var needCategory = new List<int>(drafts.Count);
        var inputs = new List<ClassificationInput>(drafts.Count);
        for (var i = 0; i < drafts.Count; i++)
        {
            if (!string.IsNullOrWhiteSpace(drafts[i].Category)) continue;
            var draft = drafts[i];
            needCategory.Add(i);
            inputs.Add(new ClassificationInput(draft.Description, draft.Merchant, draft.Amount, draft.Type, draft.Date));
        }
        var results = await categorization.ClassifyBatchAsync(userId, inputs, cancellationToken);

        var enriched = new TransactionDraft[drafts.Count];
        for (var i = 0; i < drafts.Count; i++) enriched[i] = WithMerchant(drafts[i]);
        for (var j = 0; j < needCategory.Count; j++)
            enriched[needCategory[j]] = enriched[needCategory[j]] with { Category = results[j].Category };
        return enriched;
    }

    private static TransactionDraft WithMerchant(TransactionDraft draft) =>
        !string.IsNullOrWhiteSpace(draft.Merchant) || NarrationAnalyzer.Analyze(draft.Description).Merchant is not { Length: > 0 } merchant
            ? draft
            : draft with { Merchant = merchant };
}
