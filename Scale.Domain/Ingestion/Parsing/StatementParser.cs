using System.Text;

namespace Scale.Domain.Ingestion.Parsing;

/// <summary>
/// Entry point for statement files: sniffs the content (never trusting the file name), picks the reader
/// (CSV, Excel, OFX) and the bank layout, and returns a <see cref="StatementReader"/> positioned after the header.
/// </summary>
public static class StatementParser
{
    /// <summary>Workbooks are read in memory (zip and OLE need seeking); real statements are well under this.</summary>
    public const long MaxWorkbookBytes = 50L * 1024 * 1024;

    static StatementParser()
    {
        // Windows-1252 OFX files and legacy XLS text need the code-page encodings.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    /// <summary>
    /// Opens a statement. <paramref name="content"/> stays owned by the caller and must stay open while rows are
    /// read; <paramref name="fileName"/> is used in messages only. Throws <see cref="StatementFormatException"/>.
    /// </summary>
    public static StatementReader Open(Stream content, string fileName, StatementParseOptions options)
    {
        ArgumentNullException.ThrowIfNull(content);
        options ??= new StatementParseOptions();
        var hint = options.BankHint?.Trim();
        var forced = string.IsNullOrEmpty(hint) ? null : BankLayouts.FromHint(hint);
        var wantsOfx = string.Equals(hint, "ofx", StringComparison.OrdinalIgnoreCase);

        var (prefix, length, complete) = ReadPrefix(content);
        var kind = ContentSniffer.Detect(prefix.AsSpan(0, length), complete, fileName);
        if (wantsOfx && kind != ContentKind.Ofx)
            throw new StatementFormatException(StatementError.UnknownLayout, $"'{fileName}' is not an OFX/QFX file.",
                missingColumns: ["OFX header"]);

        var warnings = new StatementWarnings();
        switch (kind)
        {
            case ContentKind.Ofx:
            {
                // Bank hints describe tabular layouts; an OFX file describes itself, so it is read as OFX.
                var stream = new PrefixedStream(prefix, length, content);
                var encoding = OfxEncoding.Detect(prefix.AsSpan(0, length), fileName);
                var text = new BoundedLineReader(stream, fileName, encoding, maxLineLength: int.MaxValue);
                return new StatementReader("OFX", "ofx", warnings, new OfxStatementReader(text, warnings).Rows(), text);
            }
            case ContentKind.Text:
            {
                var (source, layout, preamble) = CsvStatement.Open(prefix, length, complete, content, fileName, forced);
                return Tabular(layout, "csv", warnings, source, preamble);
            }
            default:
            {
                var workbook = LoadWorkbook(prefix, length, content, kind, fileName);
                var format = kind == ContentKind.Xlsx || IsEncryptedOoxml(workbook) ? "xlsx" : "xls";
                var (source, layout, preamble) = ExcelWorkbook.OpenStatementSheet(workbook, fileName, options.Password, forced, afterHeader: true);
                return Tabular(layout, format, warnings, source, preamble);
            }
        }
    }

    private static StatementReader Tabular(ResolvedLayout layout, string format, StatementWarnings warnings, ITableSource source,
        IReadOnlyList<TableRecord> preamble)
    {
        var table = new StatementTableReader(source, layout, warnings, preamble);
        return new StatementReader(layout.Layout.Bank, format, warnings, table.Rows(), source, table.Proof);
    }

    /// <summary>
    /// Decrypts a (password-protected) XLS/XLSX and renders its statement sheet as UTF-8 CSV, every row of it,
    /// cells canonical (dates yyyy-MM-dd, invariant numbers). <see cref="Open"/> reads the result as the same
    /// bank with the same drafts, so the upload can be stored without its password.
    /// </summary>
    public static byte[] DecryptToCsv(Stream content, string fileName, string password)
    {
        ArgumentNullException.ThrowIfNull(content);
        var (prefix, length, complete) = ReadPrefix(content);
        var kind = ContentSniffer.Detect(prefix.AsSpan(0, length), complete, fileName);
        if (kind is not (ContentKind.Xlsx or ContentKind.OleCompound))
            throw ContentSniffer.Unsupported($"'{fileName}' is not an Excel workbook; only workbooks can be decrypted.");
        var workbook = LoadWorkbook(prefix, length, content, kind, fileName);
        var (source, _, _) = ExcelWorkbook.OpenStatementSheet(workbook, fileName, password, forced: null, afterHeader: false);
        using (source)
        {
            var output = new MemoryStream();
            using (var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true))
            {
                while (source.TryRead(out var record)) CsvRendering.WriteRecord(writer, record.Cells);
            }
            return output.ToArray();
        }
    }

    private static (byte[] Prefix, int Length, bool Complete) ReadPrefix(Stream content)
    {
        var prefix = new byte[ContentSniffer.PrefixSize];
        var length = 0;
        int n;
        while (length < prefix.Length && (n = content.Read(prefix, length, prefix.Length - length)) > 0) length += n;
        return (prefix, length, length < prefix.Length);
    }

    private static MemoryStream LoadWorkbook(byte[] prefix, int length, Stream rest, ContentKind kind, string fileName)
    {
        var buffer = new MemoryStream();
        buffer.Write(prefix, 0, length);
        var chunk = new byte[81920];
        int n;
        while ((n = rest.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + n > MaxWorkbookBytes)
                throw new StatementFormatException(StatementError.TooLarge,
                    $"'{fileName}' is larger than {MaxWorkbookBytes / (1024 * 1024)} MB; statement workbooks are far smaller.");
            buffer.Write(chunk, 0, n);
        }
        buffer.Position = 0;
        if (kind == ContentKind.Xlsx) ZipBombGuard.Check(buffer, fileName);
        return buffer;
    }

    /// <summary>An encrypted XLSX is an OLE container holding an "EncryptedPackage" stream (names are UTF-16).</summary>
    private static bool IsEncryptedOoxml(MemoryStream workbook) =>
        workbook.GetBuffer().AsSpan(0, (int)workbook.Length).IndexOf(Encoding.Unicode.GetBytes("EncryptedPackage")) >= 0;
}
