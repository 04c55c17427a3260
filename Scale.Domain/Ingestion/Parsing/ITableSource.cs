namespace Scale.Domain.Ingestion.Parsing;

/// <summary>
/// A statement as a sequence of records of text cells, read forward only. CSV and Excel both implement it so
/// one reader (<see cref="StatementTableReader"/>) maps every bank's rows.
/// </summary>
internal interface ITableSource : IDisposable
{
    /// <summary>Reads the next record; false at the end. Throws <see cref="StatementFormatException"/>.</summary>
    bool TryRead(out TableRecord record);
}

/// <summary>Replays records already read (during header detection) before continuing with the source.</summary>
internal sealed class ReplayTableSource(IEnumerable<TableRecord> buffered, ITableSource rest) : ITableSource
{
    private readonly IEnumerator<TableRecord> _buffered = buffered.GetEnumerator();
    private bool _bufferDone;

    public bool TryRead(out TableRecord record)
    {
        if (!_bufferDone)
        {
            if (_buffered.MoveNext()) { record = _buffered.Current; return true; }
            _bufferDone = true;
        }
        return rest.TryRead(out record);
    }

    public void Dispose()
    {
        _buffered.Dispose();
        rest.Dispose();
    }
}
