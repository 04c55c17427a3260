using Scale.Domain.Categorization;

namespace Scale.Functions.Infrastructure.Categorization;

/// <summary>
/// Categorization for one user: their rules (fresh from Postgres) over the shared model. The single entry point
/// for the classify APIs and for categorizing imports, so every path decides the same way.
/// </summary>
public sealed class CategorizationService(CategorizationEngine engine, CategoryRuleStore rules)
{
    public async Task<ClassificationResult> ClassifyAsync(string userId, ClassificationInput input, CancellationToken cancellationToken)
    {
        var book = await rules.LoadAsync(userId, cancellationToken);
        return engine.Classify(input, book);
    }

    public async Task<IReadOnlyList<ClassificationResult>> ClassifyBatchAsync(string userId, IReadOnlyList<ClassificationInput> inputs, CancellationToken cancellationToken)
    {
        if (inputs.Count == 0) return [];
        var book = await rules.LoadAsync(userId, cancellationToken);
        return engine.ClassifyBatch(inputs, book);
    }
}
