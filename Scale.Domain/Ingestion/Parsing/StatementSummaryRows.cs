namespace Scale.Domain.Ingestion.Parsing;

/// <summary>
/// Reads what statements print about themselves into a <see cref="StatementFooter"/>: labelled figures in the
/// preamble (SBI "Balance as on 1 Apr 2024 : 10,000.00"), summary tables after the rows (HDFC's "Opening Balance |
/// Dr Count | Cr Count | Debits | Credits | Closing Bal" over a row of values), and dateless rows inside the table
/// (Axis "OPENING BALANCE", "TRANSACTION TOTAL", "CLOSING BALANCE"; the corporate CSV puts both totals in one
/// cell, "2,22,344.00/ 4,63,197.44"). Only figures that parse as amounts are taken.
/// </summary>
internal static class StatementSummaryRows
{
    private enum Figure { Opening, Closing, Debits, Credits, DebitCount, CreditCount }

    private static readonly (string Label, Figure Figure)[] Labels =
    [
        ("openingbalance", Figure.Opening), ("openingbal", Figure.Opening),
        ("closingbalance", Figure.Closing), ("closingbal", Figure.Closing),
        ("drcount", Figure.DebitCount), ("crcount", Figure.CreditCount),
        ("debitcount", Figure.DebitCount), ("creditcount", Figure.CreditCount),
        ("debits", Figure.Debits), ("totaldebits", Figure.Debits), ("totalwithdrawals", Figure.Debits), ("totaldebit", Figure.Debits),
        ("credits", Figure.Credits), ("totalcredits", Figure.Credits), ("totaldeposits", Figure.Credits), ("totalcredit", Figure.Credits),
    ];

    /// <summary>Labelled figures above the header. "Balance as on &lt;date&gt;" there is the opening balance.</summary>
    public static void ReadPreamble(IReadOnlyList<TableRecord> records, StatementFooter footer)
    {
        foreach (var record in records) ReadLabelled(record.Cells, null, footer, preamble: true);
    }

    /// <summary>The records after the end of the table (bounded by the caller).</summary>
    public static void ReadFooter(IReadOnlyList<TableRecord> records, StatementFooter footer)
    {
        for (var i = 0; i < records.Count; i++)
        {
            var below = i + 1 < records.Count ? records[i + 1].Cells : null;
            ReadLabelled(records[i].Cells, below, footer, preamble: false);
        }
    }

    /// <summary>
    /// A dateless row inside the table that states a balance or the totals. Returns false for any other row.
    /// </summary>
    public static bool TryReadTableRow(string[] cells, ResolvedLayout layout, StatementFooter footer)
    {
        var label = cells.Select(BankLayout.NormalizeHeader).FirstOrDefault(c => c.Length > 0 && !c.All(char.IsDigit));
        if (label is null) return false;
        if (label.StartsWith("openingbalance", StringComparison.Ordinal))
            return Set(AmountIn(cells, layout[ColumnRole.Balance]) ?? LastAmount(cells), v => footer.OpeningBalance = v);
        if (label.StartsWith("closingbalance", StringComparison.Ordinal))
            return Set(AmountIn(cells, layout[ColumnRole.Balance]) ?? LastAmount(cells), v => footer.ClosingBalance = v);
        if (!label.StartsWith("transactiontotal", StringComparison.Ordinal) && label != "total") return false;

        if (layout[ColumnRole.Debit] is { } d && layout[ColumnRole.Credit] is { } c)
        {
            footer.Debits = AmountIn(cells, d) ?? footer.Debits;
            footer.Credits = AmountIn(cells, c) ?? footer.Credits;
            return true;
        }
        foreach (var cell in cells)
        {
            var parts = cell.Split('/');
            if (parts.Length == 2 && TryAmount(parts[0], out var debits) && TryAmount(parts[1], out var credits))
            {
                footer.Debits = debits;
                footer.Credits = credits;
                return true;
            }
        }
        return true;
    }

    private static void ReadLabelled(string[] cells, string[]? below, StatementFooter footer, bool preamble)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            var text = cells[i];
            var colon = text.IndexOf(':');
            var label = BankLayout.NormalizeHeader(colon >= 0 ? text[..colon] : text);
            Figure? figure = Labels.FirstOrDefault(l => l.Label == label) is { Label: not null } hit ? hit.Figure : null;
            if (figure is null && label.StartsWith("balanceason", StringComparison.Ordinal))
                figure = preamble ? Figure.Opening : Figure.Closing;
            if (figure is null) continue;

            // The value: after the colon, else the next cell on the row, else the same column one row down.
            decimal? value = null;
            if (colon >= 0 && TryAmount(text[(colon + 1)..], out var inCell)) value = inCell;
            else if (NextValue(cells, i) is { } next) value = next;
            else if (below is not null && i < below.Length && TryAmount(below[i], out var under)) value = under;
            if (value is { } v) Assign(footer, figure.Value, v);
        }
    }

    /// <summary>The figure in the next non-empty cell on the row, past a lone ":" (SBI writes "label | : | value").</summary>
    private static decimal? NextValue(string[] cells, int labelIndex)
    {
        for (var j = labelIndex + 1; j < cells.Length; j++)
        {
            var cell = cells[j].Trim();
            if (cell.Length == 0 || cell == ":") continue;
            return TryAmount(cell.TrimStart(':'), out var value) ? value : null;
        }
        return null;
    }

    private static void Assign(StatementFooter footer, Figure figure, decimal value)
    {
        switch (figure)
        {
            case Figure.Opening: footer.OpeningBalance ??= value; break;
            case Figure.Closing: footer.ClosingBalance = value; break;
            case Figure.Debits: footer.Debits = value; break;
            case Figure.Credits: footer.Credits = value; break;
            case Figure.DebitCount when value == decimal.Truncate(value): footer.DebitCount = (int)value; break;
            case Figure.CreditCount when value == decimal.Truncate(value): footer.CreditCount = (int)value; break;
        }
    }

    private static bool Set(decimal? value, Action<decimal> assign)
    {
        if (value is { } v) assign(v);
        return true;
    }

    private static decimal? AmountIn(string[] cells, int? index) =>
        index is { } i && i < cells.Length && cells[i].Trim().Length > 0 && TryAmount(cells[i], out var v) ? v : null;

    private static decimal? LastAmount(string[] cells)
    {
        for (var i = cells.Length - 1; i >= 0; i--)
        {
            if (cells[i].Trim().Length > 0 && cells[i].Any(char.IsDigit) && TryAmount(cells[i], out var v)) return v;
        }
        return null;
    }

    /// <summary>A signed figure: "-,93,43,827.31" and "1,000.00 Dr" are negative balances.</summary>
    internal static bool TryAmount(string text, out decimal value)
    {
        value = 0m;
        if (text.AsSpan().IndexOfAnyInRange('0', '9') < 0 || !StatementAmounts.TryParse(text, out var cell)) return false;
        value = cell.IsDebit == true ? -cell.Value : cell.Value;
        return true;
    }
}
