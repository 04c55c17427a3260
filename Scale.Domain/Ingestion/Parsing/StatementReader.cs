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
    private readonly BalanceProof? _proof;
    private bool _started;

    internal StatementReader(string bank, string format, StatementWarnings warnings, IEnumerable<StatementRow> rows,
        IDisposable resource, BalanceProof? proof = null)
    {
        Bank = bank;
        Format = format;
        _warnings = warnings;
        _rows = rows;
        _resource = resource;
        _proof = proof;
    }

    /// <summary>"HDFC", "ICICI", "SBI", "AXIS", "KOTAK", "GENERIC" or "OFX".</summary>
    public string Bank { get; }

    /// <summary>"csv", "xlsx", "xls" or "ofx".</summary>
    public string Format { get; }

    /// <summary>Rows skipped and why; grows while <see cref="ReadRows"/> is enumerated.</summary>
    public IReadOnlyList<string> Warnings => _warnings.Items;

    /// <summary>Rows passed over (summary lines, rows without a date...) with reasons; at most the first 100.</summary>
    public IReadOnlyList<SkippedRow> SkippedRows => _warnings.Skipped;

    /// <summary>How many rows were passed over in all (exact, beyond the 100 listed).</summary>
    public int SkippedRowCount => _warnings.SkippedCount;

    /// <summary>
    /// After all rows were read: a file whose every row was passed over (none of them the statement's own balance or
    /// total lines) must not look like an empty statement. Throws <see cref="StatementFormatException"/> naming the
    /// first skipped line, so an upload never ends "completed" with nothing imported while rows vanished.
    /// </summary>
    public void EnsureRowsWereRead(int rowsRead)
    {
        if (rowsRead > 0 || _warnings.UnexplainedCount == 0) return;
        var first = _warnings.Skipped.First(s => !s.Summary);
        throw new StatementFormatException(StatementError.Malformed,
            $"No transaction could be read: {_warnings.UnexplainedCount} row(s) were skipped, the first on line {first.LineNumber} " +
            $"({first.Reason}) Check the date and amount columns, or choose the bank.", first.LineNumber);
    }

    /// <summary>
    /// The running-balance and footer proof, once <see cref="ReadRows"/> has been read to the end (null before).
    /// OFX carries no running balances: <see cref="Parsing.BalanceCheck.NotAvailable"/>.
    /// </summary>
    public BalanceCheck? BalanceCheck => _proof is null ? (_started ? Parsing.BalanceCheck.NotAvailable : null) : _proof.Result;

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
