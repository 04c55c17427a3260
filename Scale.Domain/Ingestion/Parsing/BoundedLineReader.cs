using System.Text;

namespace Scale.Domain.Ingestion.Parsing;

/// <summary>
/// Decodes statement text strictly and bounds it before CsvHelper sees it: a physical line longer than
/// <see cref="MaxLineLength"/> characters fails as soon as its 65,537th character is read (so a 10 MB line
/// costs at most one read buffer, not 10 MB), NUL characters and invalid UTF-8 mean the file is not text.
/// </summary>
internal sealed class BoundedLineReader(Stream stream, string fileName, Encoding? encoding = null,
    int maxLineLength = BoundedLineReader.MaxLineLength) : TextReader
{
    public const int MaxLineLength = 65536;

    private readonly StreamReader _inner = new(stream, encoding ?? new UTF8Encoding(false, throwOnInvalidBytes: true),
        detectEncodingFromByteOrderMarks: true, bufferSize: 16 * 1024, leaveOpen: false);
    private int _line = 1;
    private int _lineLength;

    public override int Peek() => _inner.Peek();

    public override int Read()
    {
        Span<char> one = stackalloc char[1];
        return Read(one) == 0 ? -1 : one[0];
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        int n;
        try { n = _inner.Read(buffer); }
        catch (DecoderFallbackException ex)
        {
            throw new StatementFormatException(StatementError.UnsupportedContent,
                $"'{fileName}' is not valid UTF-8 text (near line {_line}). Export the statement again as CSV (UTF-8) or Excel.",
                _line, innerException: ex);
        }
        foreach (var ch in buffer[..n])
        {
            if (ch == '\n') { _line++; _lineLength = 0; continue; }
            if (ch == '\0')
                throw new StatementFormatException(StatementError.UnsupportedContent,
                    $"'{fileName}' contains binary data (NUL bytes at line {_line}); it is not a CSV statement.", _line);
            if (++_lineLength > maxLineLength)
                throw new StatementFormatException(StatementError.Malformed,
                    $"Line {_line} is longer than {maxLineLength} characters; this is not a bank statement export.", _line);
        }
        return n;
    }

    public override Task<int> ReadAsync(char[] buffer, int index, int count) => Task.FromResult(Read(buffer, index, count));

    public override ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override string? ReadLine() => throw new NotSupportedException("Read through CsvHelper's buffered reads.");

    public override string ReadToEnd() => throw new NotSupportedException("Statements are streamed, never read whole.");

    protected override void Dispose(bool disposing)
    {
        if (disposing) _inner.Dispose();
        base.Dispose(disposing);
    }
}
