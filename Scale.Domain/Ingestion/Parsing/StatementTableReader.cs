using System.Runtime.ExceptionServices;
using System.Text.Json.Nodes;
using Scale.Domain.Transactions;

namespace Scale.Domain.Ingestion.Parsing;

/// <summary>
/// The one row loop for every tabular layout (CSV and Excel, every bank): turns records below the header into
/// <see cref="StatementRow"/>s. It yields one row behind the source so a narration continued on the next
/// line(s) without a date can be joined before the row leaves.
/// </summary>
internal sealed class StatementTableReader(ITableSource source, ResolvedLayout layout, StatementWarnings warnings)
{
    // Rows whose first cell starts like this end the transaction table: what follows is a summary or legend
    // (HDFC "STATEMENT SUMMARY :-", ICICI "Legends Used in Account Statement", "End of Statement").
    private static readonly string[] EndMarkers = ["statementsummary", "legend", "endofstatement", "endoftransactions"];

    public IEnumerable<StatementRow> Rows()
    {
        PendingRow? pending = null;
        while (true)
        {
            // A structural failure (over-long line, bad bytes) on this record still lets the completed row before
            // it out first; C# cannot yield inside try/catch, hence the captured exception.
            TableRecord record;
            ExceptionDispatchInfo? failure = null;
            bool more;
            try { more = source.TryRead(out record); }
            catch (StatementFormatException ex) { failure = ExceptionDispatchInfo.Capture(ex); more = false; record = default; }
            if (failure is not null)
            {
                if (pending is not null) yield return pending.Build();
                failure.Throw();
            }
            if (!more) break;

            var cells = record.Cells;
            if (IsBlankOrRule(cells)) continue;
            if (IsEndOfTable(cells))
            {
                warnings.Add($"Line {record.LineNumber}: statement summary/legend reached; rows after it were not read.");
                break;
            }

            var dateText = Cell(cells, ColumnRole.Date);
            if (dateText.Length == 0)
            {
                if (pending is not null && IsContinuation(cells)) { pending.Continue(Cell(cells, ColumnRole.Description)); continue; }
                warnings.Add($"Line {record.LineNumber}: skipped a row without a date ({Preview(cells)}).");
                continue;
            }
            if (!StatementDates.TryParse(dateText, out var date))
            {
                if (StatementDates.LooksLikeDate(dateText))
                {
                    // The row before is complete (this line starts a new row), so it still goes out first.
                    if (pending is not null) yield return pending.Build();
                    throw StatementFormatException.Malformed(record.LineNumber, $"'{dateText}' is not a valid date.");
                }
                if (!IsRepeatedHeader(cells))
                    warnings.Add($"Line {record.LineNumber}: skipped a row that is not a transaction ({Preview(cells)}).");
                continue;
            }

            if (pending is not null) yield return pending.Build();
            pending = Start(record, date);
        }
        if (pending is not null) yield return pending.Build();
    }

    private PendingRow Start(TableRecord record, DateOnly date)
    {
        var (amount, type) = ReadAmount(record);
        var raw = new JsonObject();
        for (var i = 0; i < Math.Max(layout.HeaderNames.Count, record.Cells.Length); i++)
        {
            var text = i < record.Cells.Length ? record.Cells[i] : string.Empty;
            if (i < layout.HeaderNames.Count) raw[layout.HeaderNames[i]] = text;
            else if (text.Length > 0) raw[$"Column {i + 1}"] = text;
        }
        var enrich = layout.Layout.AllowsExplicitEnrichment;
        return new PendingRow(record.LineNumber, raw, layout[ColumnRole.Description] is { } d ? layout.HeaderNames[d] : null)
        {
            Date = date,
            Amount = amount,
            Type = type,
            Description = CollapseLines(Cell(record.Cells, ColumnRole.Description)),
            Reference = CleanReference(Cell(record.Cells, ColumnRole.Reference)),
            Merchant = enrich ? NullIfEmpty(Cell(record.Cells, ColumnRole.Merchant)) : null,
            Category = enrich ? Categorization.CategoryNormalizer.Normalize(Cell(record.Cells, ColumnRole.Category)) : null,
            PaymentMethod = enrich ? NullIfEmpty(Cell(record.Cells, ColumnRole.PaymentMethod)) : null,
        };
    }

    private (decimal Amount, TransactionType Type) ReadAmount(TableRecord record)
    {
        if (layout[ColumnRole.Debit] is not null && layout[ColumnRole.Credit] is not null)
        {
            var debit = ParseAmount(record, ColumnRole.Debit).Value;
            var credit = ParseAmount(record, ColumnRole.Credit).Value;
            if (debit != 0m && credit != 0m)
                throw StatementFormatException.Malformed(record.LineNumber, "the row has both a withdrawal and a deposit amount.");
            return credit != 0m ? (credit, TransactionType.Credit) : (debit, TransactionType.Debit);
        }

        var cell = ParseAmount(record, ColumnRole.Amount);
        var isDebit = cell.IsDebit;
        if (layout[ColumnRole.DrCr] is not null)
        {
            var marker = Cell(record.Cells, ColumnRole.DrCr);
            var parsed = StatementAmounts.ParseMarker(marker);
            if (parsed is null && marker.Length > 0)
                throw StatementFormatException.Malformed(record.LineNumber, $"'{marker}' is not Dr or Cr.");
            isDebit = parsed ?? isDebit;
        }
        // One signed amount and no marker: negative is money out, as in OFX and most exports. A zero amount has
        // no direction; it is reported as a debit like an empty withdrawal/deposit pair.
        var isMoneyOut = isDebit ?? cell.Value == 0m;
        return (cell.Value, isMoneyOut ? TransactionType.Debit : TransactionType.Credit);
    }

    private AmountCell ParseAmount(TableRecord record, ColumnRole role)
    {
        var text = Cell(record.Cells, role);
        if (!StatementAmounts.TryParse(text, out var amount))
        {
            var column = layout[role] is { } i ? layout.HeaderNames[i] : role.ToString();
            throw StatementFormatException.Malformed(record.LineNumber, $"'{Truncate(text)}' in column '{column}' is not an amount.");
        }
        return amount;
    }

    private string Cell(string[] cells, ColumnRole role) =>
        layout[role] is { } i && i < cells.Length ? cells[i].Trim() : string.Empty;

    /// <summary>A continuation line carries narration text only (sometimes a reference), nothing else.</summary>
    private bool IsContinuation(string[] cells)
    {
        var description = layout[ColumnRole.Description];
        var reference = layout[ColumnRole.Reference];
        if (description is null || Cell(cells, ColumnRole.Description).Length == 0) return false;
        for (var i = 0; i < cells.Length; i++)
        {
            if (i != description && i != reference && !string.IsNullOrWhiteSpace(cells[i])) return false;
        }
        return true;
    }

    private bool IsRepeatedHeader(string[] cells) =>
        cells.Length >= layout.HeaderNames.Count
        && layout.HeaderNames.Select((h, i) => BankLayout.NormalizeHeader(h) == BankLayout.NormalizeHeader(cells[i])).Count(x => x) >= 2;

    private static bool IsEndOfTable(string[] cells)
    {
        var first = cells.FirstOrDefault(c => !string.IsNullOrWhiteSpace(c));
        if (first is null) return false;
        var normalized = BankLayout.NormalizeHeader(first);
        return EndMarkers.Any(m => normalized.StartsWith(m, StringComparison.Ordinal));
    }

    /// <summary>Blank rows and HDFC's "*******" rules around the table carry nothing.</summary>
    private static bool IsBlankOrRule(string[] cells) =>
        cells.All(c => c.AsSpan().Trim().Trim("*-=_ ").IsEmpty);

    internal static string CollapseLines(string text)
    {
        if (!text.Contains('\n') && !text.Contains('\r')) return text.Trim();
        var parts = text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Join(' ', parts);
    }

    private static string? CleanReference(string text) => text is "" or "0" or "-" ? null : text;

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    private static string Preview(string[] cells) =>
        Truncate(string.Join(" | ", cells.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim())));

    private static string Truncate(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");

    /// <summary>A row being built; continuation lines may still extend its narration.</summary>
    private sealed class PendingRow(int line, JsonObject raw, string? descriptionHeader)
    {
        public DateOnly Date { get; init; }
        public decimal Amount { get; init; }
        public TransactionType Type { get; init; }
        public string Description { get; set; } = string.Empty;
        public string? Reference { get; init; }
        public string? Merchant { get; init; }
        public string? Category { get; init; }
        public string? PaymentMethod { get; init; }

        public void Continue(string text)
        {
            var more = CollapseLines(text);
            Description = Description.Length == 0 ? more : $"{Description} {more}";
            // Raw keeps what the statement showed: the narration cell's lines as they appeared.
            if (descriptionHeader is not null) raw[descriptionHeader] = $"{raw[descriptionHeader]?.GetValue<string>()}\n{text}";
        }

        public StatementRow Build() => new(line, new TransactionDraft
        {
            Date = Date,
            Amount = Amount,
            Type = Type,
            Description = Description,
            Reference = Reference,
            Merchant = Merchant,
            Category = Category,
            PaymentMethod = PaymentMethod,
            Currency = "INR",
            Raw = raw,
        });
    }
}
