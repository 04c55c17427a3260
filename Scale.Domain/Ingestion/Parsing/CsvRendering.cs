using System.Text;

namespace Scale.Domain.Ingestion.Parsing;

/// <summary>Minimal RFC 4180 writer for <see cref="StatementParser.DecryptToCsv"/>: text is written exactly as given.</summary>
internal static class CsvRendering
{
    public static void WriteRecord(TextWriter writer, IReadOnlyList<string> cells)
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0) line.Append(',');
            var cell = cells[i];
            if (cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 || (cell.Length > 0 && char.IsWhiteSpace(cell[0])))
                line.Append('"').Append(cell.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            else
                line.Append(cell);
        }
        writer.Write(line.Append('\n'));
    }
}
