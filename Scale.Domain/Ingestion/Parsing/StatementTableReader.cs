using System.Runtime.ExceptionServices;
using System.Text.Json.Nodes;
using Scale.Domain.Transactions;

namespace Scale.Domain.Ingestion.Parsing;

/// <summary>
/// The one row loop for every tabular layout (CSV and Excel, every bank): turns records below the header into
/// <see cref="StatementRow"/>s. It yields one row behind the source so a narration continued on the next
/// line(s) without a date can be joined before the row leaves.
/// </summary>
internal sealed class StatementTableReader(ITableSource source, ResolvedLayout layout, StatementWarnings warnings,
    IReadOnlyList<TableRecord> preamble)
{
    // Rows whose first cell starts like this end the transaction table: what follows is a summary or legend
    // (HDFC "STATEMENT SUMMARY :-", ICICI "Legends Used in Account Statement", "End of Statement"; HDFC card
    // statements end their rows with the reward points' "Opening Bal").
    private static readonly string[] EndMarkers = ["statementsummary", "legend", "endofstatement", "endoftransactions"];

    /// <summary>Records read after the end marker for the statement's own totals; summaries are a few rows.</summary>
    private const int MaxFooterRecords = 40;

    private readonly StatementFooter _footer = new();
    private readonly StatementRowAmounts _amounts = new(layout, warnings);
    private readonly string? _account = StatementAccount.Find(preamble, layout.Layout.Bank);

    /// <summary>The balance and footer proof; its <see cref="BalanceProof.Result"/> is set once the rows are read.</summary>
    public BalanceProof Proof { get; } = new(layout.Layout.IsCard);

    public IEnumerable<StatementRow> Rows()
    {
        StatementSummaryRows.ReadPreamble(preamble, _footer);
        foreach (var row in TableRows()) yield return row;
        Proof.Finish(_footer, warnings);
    }

    private IEnumerable<StatementRow> TableRows()
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
                if (pending is not null) yield return Emit(pending);
                failure.Throw();
            }
            if (!more) break;

            var cells = record.Cells;
            if (IsBlankOrRule(cells)) continue;
            if (IsEndOfTable(cells))
            {
                warnings.Add($"Line {record.LineNumber}: statement summary/legend reached; rows after it were not read.");
                // A card's reward-points summary ("Opening Bal | Earned | ... | Closing Bal") counts points, not money.
                if (!layout.Layout.IsCard) ReadFooter(record);
                break;
            }

            var dateText = Cell(cells, ColumnRole.Date);
            if (dateText.Length == 0)
            {
                if (pending is not null && IsContinuation(cells)) { pending.Continue(Cell(cells, ColumnRole.Description)); continue; }
                var summary = StatementSummaryRows.TryReadTableRow(cells, layout, _footer);
                warnings.Skip(record.LineNumber, $"skipped a row without a date ({Preview(cells)}).", summary);
                continue;
            }
            if (!StatementDates.TryParse(dateText, out var date))
            {
                if (StatementDates.LooksLikeDate(dateText))
                {
                    // The row before is complete (this line starts a new row), so it still goes out first.
                    if (pending is not null) yield return Emit(pending);
                    throw StatementFormatException.Malformed(record.LineNumber, $"'{dateText}' is not a valid date.");
                }
                if (!IsRepeatedHeader(cells))
                {
                    var summary = StatementSummaryRows.TryReadTableRow(cells, layout, _footer);
                    warnings.Skip(record.LineNumber, $"skipped a row that is not a transaction ({Preview(cells)}).", summary);
                }
                continue;
            }

            if (pending is not null) yield return Emit(pending);
            pending = Start(record, date);
        }
        if (pending is not null) yield return Emit(pending);
    }

    private StatementRow Emit(PendingRow pending)
    {
        var row = pending.Build();
        Proof.Add(row.LineNumber, row.Draft, row.Balance, pending.FromDebitColumn, row.IsReversal);
        return row;
    }

    /// <summary>The summary below the table (HDFC's totals), read up to a bound; a broken footer is no reason to fail.</summary>
    private void ReadFooter(TableRecord marker)
    {
        var records = new List<TableRecord> { marker };
        try
        {
            while (records.Count < MaxFooterRecords && source.TryRead(out var next)) records.Add(next);
        }
        catch (StatementFormatException)
        {
            // What was read still counts; the rows are all out already.
        }
        StatementSummaryRows.ReadFooter(records, _footer);
    }

    private PendingRow Start(TableRecord record, DateOnly date)
    {
        var amount = _amounts.Read(record);
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
            Account = _account,
            Date = date,
            Amount = amount.Amount,
            Type = amount.Type,
            Balance = amount.Balance,
            IsReversal = amount.IsReversal,
            FromDebitColumn = amount.FromDebitColumn,
            Description = CollapseLines(Cell(record.Cells, ColumnRole.Description)),
            Reference = _amounts.Reference(record),
            Merchant = enrich ? NullIfEmpty(Cell(record.Cells, ColumnRole.Merchant)) : null,
            Category = enrich ? Categorization.CategoryNormalizer.Normalize(Cell(record.Cells, ColumnRole.Category)) : null,
            PaymentMethod = enrich ? NullIfEmpty(Cell(record.Cells, ColumnRole.PaymentMethod)) : null,
        };
    }

    private string Cell(string[] cells, ColumnRole role) => layout.CellText(cells, role);

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

    private bool IsEndOfTable(string[] cells)
    {
        var first = cells.FirstOrDefault(c => !string.IsNullOrWhiteSpace(c));
        if (first is null) return false;
        var normalized = BankLayout.NormalizeHeader(first);
        // A card statement's "Opening Bal" starts the reward-points summary: points, not money.
        if (layout.Layout.IsCard && normalized == "openingbal") return true;
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

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    private static string Preview(string[] cells) =>
        Truncate(string.Join(" | ", cells.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim())));

    internal static string Truncate(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");

    /// <summary>A row being built; continuation lines may still extend its narration.</summary>
    private sealed class PendingRow(int line, JsonObject raw, string? descriptionHeader)
    {
        public DateOnly Date { get; init; }
        public decimal Amount { get; init; }
        public TransactionType Type { get; init; }
        public decimal? Balance { get; init; }
        public bool IsReversal { get; init; }
        public bool FromDebitColumn { get; init; }
        public string Description { get; set; } = string.Empty;
        public string? Reference { get; init; }
        public string? Merchant { get; init; }
        public string? Category { get; init; }
        public string? PaymentMethod { get; init; }
        public string? Account { get; init; }

        public void Continue(string text)
        {
            var more = CollapseLines(text);
            Description = Description.Length == 0 ? more : $"{Description} {more}";
            // Raw keeps what the statement showed: the narration cell's lines as they appeared.
            if (descriptionHeader is not null) raw[descriptionHeader] = $"{raw[descriptionHeader]?.GetValue<string>()}\n{text}";
        }

        public StatementRow Build() => new(line, Draft()) { Balance = Balance, IsReversal = IsReversal };

        private TransactionDraft Draft() => new()
        {
            Date = Date,
            Amount = Amount,
            Type = Type,
            Description = Description,
            Reference = Reference,
            Merchant = Merchant,
            Category = Category,
            PaymentMethod = PaymentMethod,
            Account = Account,
            Currency = "INR",
            Raw = raw,
        };
    }
}
