namespace Scale.Domain.Ingestion.Parsing;

/// <summary>
/// A row the reader passed over, and why: shown to the user so no row vanishes silently. <see cref="Summary"/> rows
/// are the statement's own balance/total lines (expected to be skipped; their figures feed the balance check).
/// </summary>
public sealed record SkippedRow(int LineNumber, string Reason, bool Summary = false);

/// <summary>
/// Warnings and skipped rows collected while reading; capped so a file of a million junk rows cannot grow them
/// without bound (the count of skipped rows stays exact).
/// </summary>
internal sealed class StatementWarnings
{
    private const int Cap = 100;
    private readonly List<string> _items = [];
    private readonly List<SkippedRow> _skipped = [];
    private readonly HashSet<string> _once = new(StringComparer.Ordinal);
    private int _dropped;

    public IReadOnlyList<string> Items => _items;

    public IReadOnlyList<SkippedRow> Skipped => _skipped;

    public int SkippedCount { get; private set; }

    public void Add(string warning)
    {
        if (_items.Count < Cap) { _items.Add(warning); return; }
        _dropped++;
        var note = $"... and {_dropped} more warning(s).";
        if (_items.Count == Cap) _items.Add(note); else _items[Cap] = note;
    }

    /// <summary>Adds a warning the first time <paramref name="key"/> is seen (one per kind, not one per row).</summary>
    public void AddOnce(string key, string warning)
    {
        if (_once.Add(key)) Add(warning);
    }

    /// <summary>Records a skipped row (kept for the upload's result) and warns about it.</summary>
    public void Skip(int line, string reason, bool summary = false)
    {
        SkippedCount++;
        if (!summary) UnexplainedCount++;
        if (_skipped.Count < Cap) _skipped.Add(new SkippedRow(line, reason, summary));
        Add($"Line {line}: {reason}");
    }

    /// <summary>Skipped rows that were not the statement's own balance or total lines.</summary>
    public int UnexplainedCount { get; private set; }
}
