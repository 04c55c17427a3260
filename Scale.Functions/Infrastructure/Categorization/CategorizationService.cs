using Scale.Domain.Categorization;

namespace Scale.Functions.Infrastructure.Categorization;

/// <summary>
/// Categorization for one user: their rules (fresh from Postgres) over the shared model. The single entry point
/// for the classify APIs and for categorizing imports, so every path decides the same way. Every entry first lets
/// the <see cref="ModelRefresher"/> check (at most every few seconds) for a model published on another instance.
/// </summary>
public sealed class CategorizationService(CategorizationEngine engine, CategoryRuleStore rules, ModelRefresher refresher)
{
    public async Task<ClassificationResult> ClassifyAsync(string userId, ClassificationInput input, CancellationToken cancellationToken) =>
        (await ForUserAsync(userId, cancellationToken)).Classify(input);

    public async Task<IReadOnlyList<ClassificationResult>> ClassifyBatchAsync(string userId, IReadOnlyList<ClassificationInput> inputs, CancellationToken cancellationToken)
    {
        if (inputs.Count == 0) return [];
        return (await ForUserAsync(userId, cancellationToken)).ClassifyBatch(inputs);
    }

    /// <summary>The user's rules read now, over the current model: classifying with it does no more I/O.</summary>
    public async Task<UserCategorizer> ForUserAsync(string userId, CancellationToken cancellationToken)
    {
        await refresher.RefreshIfDueAsync(cancellationToken);
        return new UserCategorizer(engine, await rules.LoadAsync(userId, cancellationToken));
    }
}

/// <summary>One user's rule book bound to the engine.</summary>
public sealed class UserCategorizer(CategorizationEngine engine, UserRuleBook book)
{
    public ClassificationResult Classify(ClassificationInput input) => engine.Classify(input, book);

    public IReadOnlyList<ClassificationResult> ClassifyBatch(IReadOnlyList<ClassificationInput> inputs) =>
        inputs.Count == 0 ? [] : engine.ClassifyBatch(inputs, book);
}
