using System.IO.Compression;

namespace Scale.Domain.Ingestion.Parsing;

/// <summary>
/// Checks an XLSX (a zip) from its central directory before any part is inflated: a statement workbook is a
/// few hundred KB, so a zip that claims hundreds of MB, thousands of parts, or absurd compression is refused
/// (413) rather than handed to a reader that would inflate it. Also refuses zips that are not workbooks (415).
/// </summary>
internal static class ZipBombGuard
{
    public const long MaxTotalUncompressed = 200L * 1024 * 1024;
    public const int MaxEntries = 10_000;
    public const int MaxRatio = 200;
    /// <summary>Small parts compress extremely well legitimately (repetitive XML); only large ones are judged by ratio.</summary>
    public const long RatioCheckThreshold = 1024 * 1024;

    public static void Check(Stream seekableZip, string fileName)
    {
        ZipArchive archive;
        try { archive = new ZipArchive(seekableZip, ZipArchiveMode.Read, leaveOpen: true); }
        catch (InvalidDataException)
        {
            throw ContentSniffer.Unsupported($"'{fileName}' looks like a ZIP file but cannot be opened as an Excel workbook.");
        }
        using (archive)
        {
            var entries = archive.Entries;
            if (entries.Count > MaxEntries)
                throw TooLarge(fileName, $"it has {entries.Count} parts (limit {MaxEntries})");
            long total = 0;
            var hasWorkbook = false;
            foreach (var entry in entries)
            {
                total += entry.Length;
                if (total > MaxTotalUncompressed)
                    throw TooLarge(fileName, $"it expands to more than {MaxTotalUncompressed / (1024 * 1024)} MB");
                if (entry.Length > RatioCheckThreshold && entry.Length > (long)MaxRatio * Math.Max(entry.CompressedLength, 1))
                    throw TooLarge(fileName, $"part '{entry.FullName}' is compressed more than {MaxRatio}:1");
                hasWorkbook |= entry.FullName.Equals("xl/workbook.xml", StringComparison.OrdinalIgnoreCase);
            }
            if (!hasWorkbook)
                throw ContentSniffer.Unsupported($"'{fileName}' is a ZIP file but not an Excel workbook (no xl/workbook.xml).");
        }
        seekableZip.Position = 0;
    }

    private static StatementFormatException TooLarge(string fileName, string why) =>
        new(StatementError.TooLarge, $"'{fileName}' is refused: {why}.");
}
