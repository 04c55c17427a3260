namespace Scale.Domain.Ingestion.Parsing;

/// <summary>
/// Opens a CSV/TSV statement: detects the delimiter and header row from the sniffed prefix, then streams the
/// whole file through <see cref="BoundedLineReader"/> and skips to just after the header.
/// </summary>
internal static class CsvStatement
{
    public static (ITableSource Source, ResolvedLayout Layout, IReadOnlyList<TableRecord> Preamble) Open(byte[] prefix, int length, bool complete,
        Stream rest, string fileName, IReadOnlyList<BankLayout>? forced)
    {
        var text = ContentSniffer.DecodeText(prefix.AsSpan(0, length), complete, fileName);
        HeaderMatch? chosen = null;
        HeaderMatch? best = null;
        var delimiter = ',';
        // The delimiter is whichever one makes a header row appear; trying each beats counting characters,
        // which preambles with commas in addresses and amounts routinely fool.
        foreach (var candidate in CsvTableSource.CandidateDelimiters)
        {
            var records = CsvTableSource.Peek(text, candidate, HeaderDetector.MaxPreambleRecords);
            var match = HeaderDetector.Detect(records, forced);
            if (match.Layout is not null) { chosen = match; delimiter = candidate; break; }
            if (best is null || match.Missing.Count < best.Missing.Count) best = match;
        }

        var source = new CsvTableSource(new BoundedLineReader(new PrefixedStream(prefix, length, rest), fileName), delimiter);
        try
        {
            if (chosen is null)
            {
                // Before blaming the layout, surface a structural problem (an over-long line) in the first records.
                for (var i = 0; i < HeaderDetector.MaxPreambleRecords && source.TryRead(out _); i++) { }
                throw HeaderDetector.UnknownLayout(best!, forced, fileName);
            }
            var preamble = new List<TableRecord>();
            for (var i = 0; i <= chosen.HeaderIndex; i++)
            {
                if (!source.TryRead(out var record))
                    throw new StatementFormatException(StatementError.Malformed, $"'{fileName}' ended before its header row.");
                if (i < chosen.HeaderIndex) preamble.Add(record);
            }
            return (source, chosen.Layout!, preamble);
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }
}
