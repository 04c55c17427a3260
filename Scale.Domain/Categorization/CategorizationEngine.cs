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
    public ClassificationResult Classify(ClassificationInput input, UserRuleBook? rules = null, AccountHolder? holder = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        var classifier = _classifier();
        return rules?.TryClassify(input, classifier.ModelVersion) ?? classifier.Classify(WithHolder(input, holder));
    }

    /// <summary>Results in input order; one classifier instance for the whole batch even if a swap happens mid-way.</summary>
    public IReadOnlyList<ClassificationResult> ClassifyBatch(IReadOnlyList<ClassificationInput> inputs,
        UserRuleBook? rules = null, AccountHolder? holder = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var classifier = _classifier();
        var results = new ClassificationResult[inputs.Count];
        BatchParallelism.For(inputs.Count, i =>
            results[i] = rules?.TryClassify(inputs[i], classifier.ModelVersion) ?? classifier.Classify(WithHolder(inputs[i], holder)));
        return results;
    }

    private static ClassificationInput WithHolder(ClassificationInput input, AccountHolder? holder) =>
        holder is null || holder.IsEmpty || input.Holder is not null ? input : input with { Holder = holder };
}
