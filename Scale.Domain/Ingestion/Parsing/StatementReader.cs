namespace Scale.Domain.Ingestion.Parsing;

/// <summary>
/// An opened statement: which bank/layout and format it is, and its rows, read lazily. Dispose it to release
/// the upload stream. <see cref="ReadRows"/> can be enumerated once.
/// </summary>
public sealed class StatementReader : IDisposable
{
    private readonly StatementWarnings _warnings;
    private readonly IEnumerable<StatementRow> _rows;
    private readonly IDisposable _resource;
    private bool _started;

    internal StatementReader(string bank, string format, StatementWarnings warnings, IEnumerable<StatementRow> rows,
        IDisposable resource)
    {
        Bank = bank;
        Format = format;
        _warnings = warnings;
        _rows = rows;
        _resource = resource;
    }

    /// <summary>"HDFC", "ICICI", "SBI", "AXIS", "KOTAK", "GENERIC" or "OFX".</summary>
    public string Bank { get; }

    /// <summary>"csv", "xlsx", "xls" or "ofx".</summary>
    public string Format { get; }

    /// <summary>Rows skipped and why; grows while <see cref="ReadRows"/> is enumerated.</summary>
    public IReadOnlyList<string> Warnings => _warnings.Items;

    /// <summary>
    /// The transaction rows in file order, yielded as they are read (a large file is never held in memory).
    /// Throws <see cref="StatementFormatException"/> at the first bad row, naming its line.
    /// </summary>
    public IEnumerable<StatementRow> ReadRows()
    {
        if (_started) throw new InvalidOperationException("The rows of a statement can be read only once.");
        _started = true;
        return _rows;
    }

    public void Dispose() => _resource.Dispose();
}
