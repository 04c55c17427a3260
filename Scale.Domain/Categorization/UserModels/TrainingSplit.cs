namespace Scale.Domain.Categorization.UserModels;

/// <summary>A labelled example with when it happened, for splitting by time.</summary>
public sealed record DatedExample(long Id, DateOnly Date, LabelledExample Example);

/// <summary>
/// Train on the past, test on the most recent rows: a model is judged on transactions that came after everything
/// it learned from, as it will be used. Ties in date are broken by id, so the split is a pure function of the data.
/// </summary>
public static class TrainingSplit
{
    public const double HeldOutShare = 0.2;
    public const int MinExamples = 10;

    public static (IReadOnlyList<LabelledExample> Train, IReadOnlyList<LabelledExample> HeldOut) ByTime(IReadOnlyList<DatedExample> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var ordered = examples.OrderBy(e => e.Date).ThenBy(e => e.Id).Select(e => e.Example).ToList();
        var heldOut = Math.Max(1, (int)Math.Round(ordered.Count * HeldOutShare));
        return (ordered[..^heldOut], ordered[^heldOut..]);
    }
}
