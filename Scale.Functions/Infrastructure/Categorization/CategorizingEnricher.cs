using Scale.Domain.Categorization;
using Scale.Domain.Ingestion;
using Scale.Domain.Transactions;

namespace Scale.Functions.Infrastructure.Categorization;

/// <summary>
/// Categorizes imported rows with the same service as the classify API (the user's rules, then the model), and
/// fills a display merchant from the narration where the source gave none, resolved to its brand by the curated
/// <see cref="MerchantLexicon"/> (the narration itself, and a statement's raw columns, keep the original), then shown
/// under the name the user gave that merchant, if they renamed it (<see cref="UserMerchantBook"/>; the resolved name
/// is kept in <see cref="TransactionDraft.MerchantBeforeRename"/>). Runs after
/// fingerprinting, so neither a model version nor the narration analyzer can change a transaction's identity. The
/// user's rules and renames are read once, before the import opens its connection
/// (<see cref="ITransactionEnricher.PrepareAsync"/>).
/// </summary>
public sealed class CategorizingEnricher(CategorizationService categorization, MerchantOverrideStore merchants) : ITransactionEnricher
{
    public async ValueTask<IDraftEnricher> PrepareAsync(string userId, CancellationToken cancellationToken) =>
        new UserDraftEnricher(await categorization.ForUserAsync(userId, cancellationToken), await merchants.LoadAsync(userId, cancellationToken));

    private sealed class UserDraftEnricher(UserCategorizer categorizer, UserMerchantBook renames) : IDraftEnricher
    {
        public IReadOnlyList<TransactionDraft> Enrich(IReadOnlyList<TransactionDraft> drafts)
        {
            var inputs = new List<ClassificationInput>(drafts.Count);
            foreach (var draft in drafts)
                if (string.IsNullOrWhiteSpace(draft.Category))
                    inputs.Add(new ClassificationInput(draft.Description, draft.Merchant, draft.Amount, draft.Type, draft.Date));
            var results = categorizer.ClassifyBatch(inputs);

            var enriched = new TransactionDraft[drafts.Count];
            var next = 0;
            for (var i = 0; i < drafts.Count; i++)
            {
                var draft = drafts[i];
                if (!string.IsNullOrWhiteSpace(draft.Category))
                {
                    var given = string.IsNullOrWhiteSpace(draft.Merchant) ? Display(MerchantOf(draft)) : draft.Merchant;
                    enriched[i] = Shown(draft, draft.Category, CategorySources.Source, given);
                    continue;
                }
                var result = results[next++];
                // The categorizer has already analyzed this narration: reuse what it read (even "no merchant").
                var merchant = !string.IsNullOrWhiteSpace(draft.Merchant) ? draft.Merchant : Display(result.DetectedMerchant);
                enriched[i] = Shown(draft, result.Category, result.Source, merchant);
            }
            return enriched;
        }

        /// <summary>The draft with its category and who chose it, showing <paramref name="merchant"/> under the user's name for it if they
        /// renamed it, and keeping the resolved name beside it so the rename can be undone.</summary>
        private TransactionDraft Shown(TransactionDraft draft, string? category, string categorySource, string? merchant)
        {
            var shown = renames.Display(merchant);
            return draft with
            {
                Category = category,
                CategorySource = categorySource,
                Merchant = shown,
                MerchantBeforeRename = string.Equals(shown, merchant, StringComparison.Ordinal) ? null : merchant,
            };
        }
    }

    /// <summary>A merchant read from the narration, shown as the brand the lexicon knows it by (else as printed).
    /// A merchant the source supplied is not replaced by the lexicon (it is what the client or the bank chose to call
    /// it); only the user's own rename goes over it.</summary>
    private static string? Display(string? detected) => MerchantLexicon.Shipped.Resolve(detected) ?? detected;

    private static string? MerchantOf(TransactionDraft draft) =>
        NarrationAnalyzer.Analyze(draft.Description).Merchant is { Length: > 0 } merchant ? merchant : null;
}
