using Scale.Domain.Categorization;
using Scale.Domain.Categorization.UserModels;
using Scale.Functions.Infrastructure.Profiles;

namespace Scale.Functions.Infrastructure.Categorization;

/// <summary>
/// Categorization for one user: their rules (fresh from Postgres), then their own trained model if they have one
/// (<see cref="UserModelStore"/>, see <see cref="UserModelOverlay"/>), then the shared model, which also sees the
/// user's own names and account numbers (settings) to tell self-transfers apart. The single entry point
/// for the classify APIs and for categorizing imports, so every path decides the same way. Every entry first lets
/// the <see cref="ModelRefresher"/> check (at most every few seconds) for a model published on another instance.
/// </summary>
public sealed class CategorizationService(CategorizationEngine engine, CategoryRuleStore rules, ModelRefresher refresher,
    ProfileStore profiles, UserModelStore userModels)
{
    public async Task<ClassificationResult> ClassifyAsync(string userId, ClassificationInput input, CancellationToken cancellationToken) =>
        (await ForUserAsync(userId, cancellationToken)).Classify(input);

    public async Task<IReadOnlyList<ClassificationResult>> ClassifyBatchAsync(string userId, IReadOnlyList<ClassificationInput> inputs, CancellationToken cancellationToken)
    {
        if (inputs.Count == 0) return [];
        return (await ForUserAsync(userId, cancellationToken)).ClassifyBatch(inputs);
    }

    /// <summary>The user's rules, account holder and active model read now, over the current model: classifying with it does no more I/O.</summary>
    public async Task<UserCategorizer> ForUserAsync(string userId, CancellationToken cancellationToken)
    {
        await refresher.RefreshIfDueAsync(cancellationToken);
        return new UserCategorizer(engine, await rules.LoadAsync(userId, cancellationToken),
            await profiles.GetAccountHolderAsync(userId, cancellationToken), await userModels.ActiveAsync(userId, cancellationToken));
    }
}

/// <summary>One user's rule book, account holder and (if trained) own model bound to the engine.</summary>
public sealed class UserCategorizer(CategorizationEngine engine, UserRuleBook book, AccountHolder holder, UserCategoryModel? userModel = null)
{
    /// <summary>The same user and models with another rule book (one read inside the caller's transaction).</summary>
    public UserCategorizer WithRules(UserRuleBook rules) => new(engine, rules, holder, userModel);

    public ClassificationResult Classify(ClassificationInput input) => engine.Classify(input, book, holder, userModel);

    public IReadOnlyList<ClassificationResult> ClassifyBatch(IReadOnlyList<ClassificationInput> inputs) =>
        inputs.Count == 0 ? [] : engine.ClassifyBatch(inputs, book, holder, userModel);
}
