using System.Text.RegularExpressions;
using Scale.Domain.Transactions;

namespace Scale.Domain.Ingestion.Parsing;

/// <summary>The money of one row: amount and direction, the running balance, and where the amount came from.</summary>
internal readonly record struct RowAmount(decimal Amount, TransactionType Type, decimal? Balance, bool IsReversal, bool FromDebitColumn);

/// <summary>
/// Reads a row's amount, direction, balance and reference for a layout. The sign conventions live here:
/// <list type="bullet">
/// <item>Split withdrawal/deposit columns are signed: HDFC writes a card reversal as a negative withdrawal right
/// after the original debit, and the balance goes back up. A negative withdrawal is money in (a credit, marked as a
/// reversal), a negative deposit money out; never the absolute value in the column it was written in.</item>
/// <item>One amount column: a Dr/Cr column or marker wins. Without one, a bank account's negative amount is money
/// out; a card account's positive amount is a purchase (debit) and a negative one a payment or refund (credit).</item>
/// </list>
/// </summary>
internal sealed partial class StatementRowAmounts(ResolvedLayout layout, StatementWarnings warnings)
{
    // Kotak prints the balance's own Dr/Cr in the column after it; found once, not per row.
    private readonly int? _balanceMarker = layout[ColumnRole.Balance] is { } b && b + 1 < layout.HeaderNames.Count
        && BankLayout.NormalizeHeader(layout.HeaderNames[b + 1]).StartsWith("drcr", StringComparison.Ordinal) ? b + 1 : null;

    // Card exports without a direction column (Axis "Amount in INR") show payments and refunds as plain amounts;
    // their narrations say what they are.
    [GeneratedRegex(@"\b(MB PAYMENT|PAYMENT RECEIVED|PAYMENT - THANK YOU|BBPS PAYMENT|NEFT PAYMENT|AUTOPAY|REFUND|REVERSAL|CASHBACK|CASH BACK)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CardCreditNarration();

    // "1.07E+11": Excel showed a long reference in scientific notation and the CSV kept only that.
    [GeneratedRegex(@"^\d(\.\d+)?E\+\d+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ScientificNotation();

    public RowAmount Read(TableRecord record)
    {
        var balance = ReadBalance(record);
        if (layout[ColumnRole.Debit] is not null && layout[ColumnRole.Credit] is not null)
        {
            var debit = Parse(record, ColumnRole.Debit);
            var credit = Parse(record, ColumnRole.Credit);
            if (debit.Value != 0m && credit.Value != 0m)
                throw StatementFormatException.Malformed(record.LineNumber, "the row has both a withdrawal and a deposit amount.");
            if (credit.Value != 0m)
                return credit.Negative
                    ? Reversal(record, credit.Value, TransactionType.Debit, balance, fromDebitColumn: false, "deposit")
                    : new RowAmount(credit.Value, TransactionType.Credit, balance, false, FromDebitColumn: false);
            return debit.Negative
                ? Reversal(record, debit.Value, TransactionType.Credit, balance, fromDebitColumn: true, "withdrawal")
                : new RowAmount(debit.Value, TransactionType.Debit, balance, false, FromDebitColumn: true);
        }

        var cell = Parse(record, ColumnRole.Amount);
        bool? isDebit = cell.HasMarker ? cell.IsDebit : null;
        if (layout[ColumnRole.DrCr] is not null)
        {
            var marker = Cell(record.Cells, ColumnRole.DrCr);
            var parsed = StatementAmounts.ParseMarker(marker);
            if (parsed is null && marker.Length > 0)
                throw StatementFormatException.Malformed(record.LineNumber, $"'{marker}' is not Dr or Cr.");
            isDebit = parsed ?? isDebit;
        }
        if (isDebit is null && layout.Layout.IsCard)
            isDebit = layout[ColumnRole.DrCr] is null ? CardIsDebit(record, cell) : !cell.Negative;
        // One signed amount and no marker: negative is money out, as in OFX and most exports. A zero amount has
        // no direction; it is reported as a debit like an empty withdrawal/deposit pair.
        var isMoneyOut = isDebit ?? (cell.Negative || cell.Value == 0m);
        return new RowAmount(cell.Value, isMoneyOut ? TransactionType.Debit : TransactionType.Credit, balance, false, isMoneyOut);
    }

    /// <summary>The reference cell as text; a reference Excel turned into "1.07E+11" is kept but flagged as lossy.</summary>
    public string? Reference(TableRecord record)
    {
        var text = Cell(record.Cells, ColumnRole.Reference);
        if (text is "" or "0" or "-") return null;
        if (text.Contains("E+", StringComparison.OrdinalIgnoreCase) && ScientificNotation().IsMatch(text))
        {
            var column = layout[ColumnRole.Reference] is { } i ? layout.HeaderNames[i] : "reference";
            warnings.AddOnce("scientific-reference",
                $"Line {record.LineNumber}: column '{column}' shows references in scientific notation ('{text}'): the file was " +
                "saved from Excel, which dropped their digits. They are kept as written; re-export from net banking for full references.");
        }
        return text;
    }

    private bool CardIsDebit(TableRecord record, AmountCell cell)
    {
        if (cell.Negative) return false;
        if (!CardCreditNarration().IsMatch(Cell(record.Cells, ColumnRole.Description))) return true;
        warnings.AddOnce("card-credit-narration",
            $"Line {record.LineNumber}: this card statement has no debit/credit column; payments and refunds were " +
            "recognized as credits by their narration.");
        return false;
    }

    private RowAmount Reversal(TableRecord record, decimal amount, TransactionType type, decimal? balance, bool fromDebitColumn, string column)
    {
        warnings.AddOnce("signed-" + column,
            $"Line {record.LineNumber}: a negative {column} amount was read as a {type.ToWire()} (a reversal of an earlier " +
            $"row), not as another {(type == TransactionType.Credit ? "debit" : "credit")}.");
        return new RowAmount(amount, type, balance, true, fromDebitColumn);
    }

    /// <summary>
    /// The running balance, signed: "-,93,43,827.31" and a "Dr" balance are overdrawn. Kotak prints the balance's
    /// Dr/Cr in the column after it. Null when the layout has no balance or the cell does not hold one.
    /// </summary>
    private decimal? ReadBalance(TableRecord record)
    {
        if (layout[ColumnRole.Balance] is not { } i || i >= record.Cells.Length) return null;
        var text = record.Cells[i].Trim();
        if (text.Length == 0 || !StatementSummaryRows.TryAmount(text, out var value)) return null;
        if (_balanceMarker is { } m && m < record.Cells.Length && StatementAmounts.ParseMarker(record.Cells[m]) == true)
            value = -Math.Abs(value);
        return value;
    }

    private AmountCell Parse(TableRecord record, ColumnRole role)
    {
        var text = Cell(record.Cells, role);
        if (!StatementAmounts.TryParse(text, out var amount))
        {
            var column = layout[role] is { } i ? layout.HeaderNames[i] : role.ToString();
            throw StatementFormatException.Malformed(record.LineNumber,
                $"'{StatementTableReader.Truncate(text)}' in column '{column}' is not an amount.");
        }
        return amount;
    }

    private string Cell(string[] cells, ColumnRole role) => layout.CellText(cells, role);
}
