using CsvHelper;

namespace Scale.Domain.Ingestion.Parsing;

/// <summary>
/// CSV/TSV records via CsvHelper's reader (quotes, embedded newlines, ragged rows), one record at a time.
/// Physical line length is bounded by <see cref="BoundedLineReader"/>; a quoted record spanning many lines is
/// bounded by <see cref="MaxRecordBytes"/> so an unclosed quote cannot make the reader buffer the whole file.
/// </summary>
internal sealed class CsvTableSource : ITableSource
{
    // '~' is HDFC's credit-card CSV.
    public static readonly char[] CandidateDelimiters = [',', '\t', ';', '|', '~'];

    /// <summary>A record may span a few physical lines (multi-line narrations), never megabytes.</summary>
    public const int MaxRecordBytes = 4 * BoundedLineReader.MaxLineLength;

    private readonly CsvReader _reader;

    public CsvTableSource(TextReader text, char delimiter)
    {
        _reader = CsvReader.Create(text, new CsvReaderOptions
        {
            Separator = delimiter,
            HasHeader = false,          // the header is found by HeaderDetector below a preamble
            SkipEmptyLines = true,
            TrackLineNumbers = true,
            AllowLineBreaksInQuotes = true,
            MaxRecordSize = MaxRecordBytes,
            BufferSize = 16 * 1024,
        });
    }

    public bool TryRead(out TableRecord record)
    {
        record = default;
        try
        {
            if (!_reader.Read()) return false;
        }
        catch (StatementFormatException) { throw; }
        catch (Exception ex) when (ex.InnerException is StatementFormatException inner) { throw inner; }
        catch (CsvFormatException ex)
        {
            var line = ex.LineNumber > 0 ? (int)ex.LineNumber : 0;
            throw new StatementFormatException(StatementError.Malformed,
                $"Line {line}: the CSV record is too long or badly quoted (a record may hold at most {MaxRecordBytes} bytes).",
                line, innerException: ex);
        }
        var cells = new string[_reader.FieldCount];
        for (var i = 0; i < cells.Length; i++) cells[i] = _reader.GetString(i) ?? string.Empty;
        record = new TableRecord((int)_reader.LineNumber, cells);
        return true;
    }

    public void Dispose() => _reader.Dispose();

    /// <summary>Parses at most <paramref name="max"/> records of an in-memory prefix, for header detection.</summary>
    public static List<TableRecord> Peek(string text, char delimiter, int max)
    {
        var records = new List<TableRecord>();
        using var source = new CsvTableSource(new StringReader(text), delimiter);
        try
        {
            while (records.Count < max && source.TryRead(out var record)) records.Add(record);
        }
        catch (StatementFormatException)
        {
            // The prefix may end mid-record; detection works with what parsed.
        }
        return records;
    }
}
