namespace Scale.Domain.Categorization;

/// <summary>
/// The process-wide current classifier. The first reader loads it (exactly once, even under concurrent first
/// access: <see cref="Lazy{T}"/> with ExecutionAndPublication); a newly published model version is swapped in with
/// <see cref="Replace"/> without a restart. Readers always see either the old or the new instance, never a mix,
/// because the classifier itself is immutable and the swap is a single reference write.
/// </summary>
public sealed class ClassifierHolder
{
    private readonly Lazy<ITransactionClassifier> _initial;
    private ITransactionClassifier? _replacement;

    public ClassifierHolder(Func<ITransactionClassifier> load)
    {
        ArgumentNullException.ThrowIfNull(load);
        _initial = new Lazy<ITransactionClassifier>(load, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>A holder that lazily loads the artifact at <paramref name="modelPath"/>.</summary>
    public static ClassifierHolder FromFile(string modelPath) =>
        new(() => ClassifierModelSerializer.LoadFromFile(modelPath));

    public ITransactionClassifier Current => Volatile.Read(ref _replacement) ?? _initial.Value;

    /// <summary>True once a classifier is available without loading (for readiness checks).</summary>
    public bool IsLoaded => Volatile.Read(ref _replacement) is not null || _initial.IsValueCreated;

    /// <summary>Atomically makes <paramref name="classifier"/> current; returns the one it replaced (if loaded).</summary>
    public ITransactionClassifier? Replace(ITransactionClassifier classifier)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        var previous = Interlocked.Exchange(ref _replacement, classifier);
        return previous ?? (_initial.IsValueCreated ? _initial.Value : null);
    }
}
