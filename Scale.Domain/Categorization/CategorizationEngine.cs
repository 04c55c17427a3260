using Scale.Domain.Categorization.UserModels;

namespace Scale.Domain.Categorization;

/// <summary>
/// The categorization decision: the user's own rules first, then the shared model, which itself falls back to
/// Uncategorized (Source "default") below its confidence threshold. Host-neutral; the app passes the user's
/// rule book (loaded from Postgres) per call, so users never see each other's rules.
/// </summary>
public sealed class CategorizationEngine
{
    private readonly Func<ITransactionClassifier> _classifier;

    public CategorizationEngine(ClassifierHolder holder)
    {
        ArgumentNullException.ThrowIfNull(holder);
        _classifier = () => holder.Current;
    }

    public CategorizationEngine(ITransactionClassifier classifier)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        _classifier = () => classifier;
    }

    /// <param name="holder">The user's own names and accounts; an input's own <see cref="ClassificationInput.Holder"/> wins.</param>
    /// <param name="userModel">The user's own model, consulted after their rules and before the base model's answer stands.</param>
    public ClassificationResult Classify(ClassificationInput input, UserRuleBook? rules = null, AccountHolder? holder = null,
        UserCategoryModel? userModel = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Decide(_classifier(), input, rules, holder, userModel);
    }

    /// <summary>Results in input order; one classifier instance for the whole batch even if a swap happens mid-way.</summary>
    public IReadOnlyList<ClassificationResult> ClassifyBatch(IReadOnlyList<ClassificationInput> inputs,
        UserRuleBook? rules = null, AccountHolder? holder = null, UserCategoryModel? userModel = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var classifier = _classifier();
        var results = new ClassificationResult[inputs.Count];
        BatchParallelism.For(inputs.Count, i => results[i] = Decide(classifier, inputs[i], rules, holder, userModel));
        return results;
    }

    // Rules, then the user's model, then the base model (UserModelOverlay). The narration is analyzed once for the
    // rules, the base model and the user's model: the analysis is most of a classification's cost, and a user with
    // rules otherwise paid it twice on every row no rule matched (bench/Categorization `speed`, "+ N user rules").
    // A classifier that is not the linear model analyzes for itself, so without rules nothing is analyzed for it.
    private static ClassificationResult Decide(ITransactionClassifier classifier, ClassificationInput input, UserRuleBook? rules,
        AccountHolder? holder, UserCategoryModel? userModel)
    {
        var linear = classifier as LinearTextClassifier;
        var info = linear is not null || rules is { Count: > 0 } ? NarrationAnalyzer.Analyze(input.Description) : null;
        if (rules?.TryClassify(input, classifier.ModelVersion, info) is { } rule)
            return info?.Merchant is null ? rule : rule with { DetectedMerchant = info.Merchant };
        var withHolder = WithHolder(input, holder);
        var answer = linear is not null ? linear.Classify(withHolder, info!) : classifier.Classify(withHolder);
        return UserModelOverlay.Apply(answer, input, userModel, info);
    }

    private static ClassificationInput WithHolder(ClassificationInput input, AccountHolder? holder) =>
        holder is null || holder.IsEmpty || input.Holder is not null ? input : input with { Holder = holder };
}
