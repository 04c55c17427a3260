namespace Scale.Domain.Ingestion.Parsing;

/// <summary>One record of a table (CSV record or sheet row) with the 1-based line/row it starts on.</summary>
internal readonly record struct TableRecord(int LineNumber, string[] Cells);

/// <summary>Where the header row is and which layout it matched; or, when nothing matched, what was missing.</summary>
internal sealed record HeaderMatch(ResolvedLayout? Layout, int HeaderIndex, IReadOnlyList<string> Missing);

/// <summary>
/// Finds the header row among the first records of a table: statements put a preamble (bank name, address,
/// account number, period) above it, so we scan rather than assume row 1. Bank layouts are tried before the
/// generic one so a real HDFC export is reported as HDFC even though its headers are also "recognizable".
/// </summary>
internal static class HeaderDetector
{
    /// <summary>How many leading records may be preamble. Real preambles are 10–25 rows.</summary>
    public const int MaxPreambleRecords = 100;

    public static HeaderMatch Detect(IReadOnlyList<TableRecord> records, IReadOnlyList<BankLayout>? forced)
    {
        var candidates = forced ?? BankLayouts.All;
        IReadOnlyList<string>? bestMissing = null;
        var limit = Math.Min(records.Count, MaxPreambleRecords);
        for (var i = 0; i < limit; i++)
        {
            var cells = records[i].Cells;
            if (cells.Count(c => !string.IsNullOrWhiteSpace(c)) < 2) continue;
            var normalized = cells.Select(BankLayout.NormalizeHeader).ToArray();
            foreach (var layout in candidates)
            {
                var resolved = ResolvedLayout.TryMatch(layout, cells, normalized, out var missing);
                if (resolved is not null && (forced is not null || PreambleSays(records, i, layout.PreambleMarkers)))
                {
                    // Headers edited in Excel can leave only the generic layout; the narrations still say the bank.
                    if (layout == BankLayouts.Generic && forced is null
                        && BankIdentification.Identify(records.Take(i), records.Skip(i + 1), resolved) is { } bank)
                        resolved = resolved.As(layout with { Bank = bank });
                    return new HeaderMatch(resolved, i, []);
                }
                if (resolved is not null) continue;
                // Report against the layout the user asked for (the bank's main account layout, first in the hint's
                // list), or against the generic one: its needs ("date", "description", "amount or debit/credit")
                // are what any statement must have.
                if ((layout == (forced?[0] ?? BankLayouts.Generic))
                    && (bestMissing is null || missing.Count < bestMissing.Count))
                {
                    bestMissing = missing;
                }
            }
        }
        return new HeaderMatch(null, -1, bestMissing ?? (forced?[0] ?? BankLayouts.Generic).Required
            .Select(r => r.Label).Append("amount or debit/credit").Distinct().ToList());
    }

    private static bool PreambleSays(IReadOnlyList<TableRecord> records, int headerIndex, IReadOnlyList<string> markers)
    {
        if (markers.Count == 0) return true;
        for (var i = 0; i < headerIndex; i++)
        {
            foreach (var cell in records[i].Cells)
            {
                var text = BankLayout.NormalizeHeader(cell);
                if (markers.Any(m => text.Contains(m, StringComparison.Ordinal))) return true;
            }
        }
        return false;
    }

    public static StatementFormatException UnknownLayout(HeaderMatch match, IReadOnlyList<BankLayout>? forced, string fileName)
    {
        var what = forced is null ? "a statement header row" : $"the {forced[0].Bank} header row";
        return new StatementFormatException(StatementError.UnknownLayout,
            $"Could not find {what} in '{fileName}'. Missing columns: {string.Join(", ", match.Missing)}.",
            missingColumns: match.Missing);
    }
}
