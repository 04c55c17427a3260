using Scale.Domain.Categorization;
using Scale.Functions.Infrastructure.Profiles;

namespace Scale.Functions.Infrastructure.Categorization;

/// <summary>
/// Categorization for one user: their rules (fresh from Postgres) over the shared model, which also sees the user's
/// own names and account numbers (settings) to tell self-transfers apart. The single entry point
/// for the classify APIs and for categorizing imports, so every path decides the same way.
/// </summary>
public sealed class CategorizationService(CategorizationEngine engine, CategoryRuleStore rules, ProfileStore profiles)
{
    public async Task<ClassificationResult> ClassifyAsync(string userId, ClassificationInput input, CancellationToken cancellationToken)
    {
        var book = await rules.LoadAsync(userId, cancellationToken);
        var holder = await profiles.GetAccountHolderAsync(userId, cancellationToken);
        return engine.Classify(input, book, holder);
    }

    public async Task<IReadOnlyList<ClassificationResult>> ClassifyBatchAsync(string userId, IReadOnlyList<ClassificationInput> inputs, CancellationToken cancellationToken)
    {
        if (inputs.Count == 0) return [];
        var book = await rules.LoadAsync(userId, cancellationToken);
        var holder = await profiles.GetAccountHolderAsync(userId, cancellationToken);
        return engine.ClassifyBatch(inputs, book, holder);
    }
}
