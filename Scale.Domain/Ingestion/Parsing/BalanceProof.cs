using System.Globalization;
using Scale.Domain.Transactions;

namespace Scale.Domain.Ingestion.Parsing;

/// <summary>
/// Checks parsed rows against what the statement proves about itself, as they stream past (constant memory):
/// each running balance must follow from the previous one by the row's amount, and the footer's opening/closing
/// balance, totals and counts must agree with the rows. A doubled, dropped or sign-flipped row breaks the chain
/// at that row, so the gap names where to look. Statements listed newest first chain the other way; the
/// direction with fewer breaks is the statement's.
/// </summary>
internal sealed class BalanceProof
{
    private const int MaxGaps = 50;

    private readonly bool _isCard;
    private readonly Chain _forward = new();
    private readonly Chain _backward = new();
    private Entry? _first;
    private Entry? _last;
    private Entry? _previous;
    private int _rowsWithoutBalance;
    private decimal _debitColumn, _creditColumn;
    private int _debitRows, _creditRows;

    public BalanceProof(bool isCard) => _isCard = isCard;

    /// <summary>The result, once the rows have all been read (null before).</summary>
    public BalanceCheck? Result { get; private set; }

    /// <summary>
    /// One parsed row. <paramref name="fromDebitColumn"/> says which column (or marker) the amount came from; a
    /// reversal (a negative withdrawal) is a credit that the bank still sums in its debit column, negatively.
    /// </summary>
    public void Add(int line, TransactionDraft draft, decimal? balance, bool fromDebitColumn, bool reversal)
    {
        var signed = reversal ? -draft.Amount : draft.Amount;
        if (fromDebitColumn) { _debitColumn += signed; _debitRows++; }
        else { _creditColumn += signed; _creditRows++; }

        // A bank balance rises with credits; a card's outstanding rises with debits.
        var delta = draft.Type == TransactionType.Credit ? draft.Amount : -draft.Amount;
        if (_isCard) delta = -delta;
        if (balance is null)
        {
            _rowsWithoutBalance++;
            _previous = null; // the chain cannot bridge a row it cannot see
            return;
        }
        var entry = new Entry(line, balance.Value, delta);
        _first ??= entry;
        if (_previous is { } p)
        {
            _forward.Check(p.Line, p.Balance + entry.Delta, entry.Balance);
            _backward.Check(p.Line, p.Balance - p.Delta, entry.Balance);
        }
        _previous = entry;
        _last = entry;
    }

    public void Finish(StatementFooter footer, StatementWarnings warnings)
    {
        var newestFirst = _backward.Misses < _forward.Misses;
        var chain = newestFirst ? _backward : _forward;
        var gaps = new List<BalanceGap>(chain.Gaps);
        var totals = new List<StatementTotal>();

        // The oldest row's balance must follow from the opening balance; the newest row's is the closing one.
        var (oldest, newest) = newestFirst ? (_last, _first) : (_first, _last);
        if (footer.OpeningBalance is { } opening && oldest is { } o && o.Balance != opening + o.Delta)
            gaps.Insert(0, new BalanceGap(0, opening + o.Delta, o.Balance));
        if (footer.ClosingBalance is { } closing)
        {
            if (newest is { } n) totals.Add(new StatementTotal("closing_balance", closing, n.Balance));
            else if (footer.OpeningBalance is { } start && _rowsWithoutBalance > 0)
                totals.Add(new StatementTotal("closing_balance", closing, start + NetChange()));
        }
        if (footer.Debits is { } debits) totals.Add(new StatementTotal("debits", debits, _debitColumn));
        if (footer.Credits is { } credits) totals.Add(new StatementTotal("credits", credits, _creditColumn));
        if (footer.DebitCount is { } dc) totals.Add(new StatementTotal("debit_count", dc, _debitRows));
        if (footer.CreditCount is { } cc) totals.Add(new StatementTotal("credit_count", cc, _creditRows));

        var checkedSomething = chain.Pairs > 0 || totals.Count > 0 || gaps.Count > 0;
        var status = !checkedSomething ? BalanceCheckStatuses.NotAvailable
            : gaps.Count > 0 || chain.Misses > 0 || totals.Any(t => !t.Matches) ? BalanceCheckStatuses.Gap
            : BalanceCheckStatuses.Verified;
        Result = new BalanceCheck(status, gaps, totals);
        Warn(warnings, chain, gaps, totals);
    }

    private decimal NetChange() => (_isCard ? -1 : 1) * (_creditColumn - _debitColumn);

    private void Warn(StatementWarnings warnings, Chain chain, List<BalanceGap> gaps, List<StatementTotal> totals)
    {
        if (gaps.Count > 0)
        {
            var g = gaps[0];
            var where = g.AfterRow == 0 ? "at the first row" : $"after line {g.AfterRow}";
            warnings.Add($"The running balance does not add up {where} (expected {Money(g.ExpectedBalance)}, the statement shows " +
                         $"{Money(g.FoundBalance)}){(chain.Misses > 1 ? $" and at {chain.Misses - 1} more place(s)" : "")}: " +
                         "a row may be missing, doubled or misread. Check the statement before relying on these totals.");
        }
        foreach (var t in totals.Where(t => !t.Matches))
        {
            warnings.Add($"The statement's own {t.Name.Replace('_', ' ')} is {Figure(t)} but the rows read give {Figure(t, parsed: true)}: " +
                         "rows may be missing or misread.");
        }
        if (_rowsWithoutBalance > 0 && (_first is not null))
            warnings.Add($"{_rowsWithoutBalance} row(s) have no running balance; the balance check could not cover them.");
    }

    private static string Figure(StatementTotal t, bool parsed = false)
    {
        var value = parsed ? t.Parsed : t.Statement;
        return t.Name.EndsWith("_count", StringComparison.Ordinal) ? value.ToString("0", CultureInfo.InvariantCulture) : Money(value);
    }

    private static string Money(decimal value) => value.ToString("#,##0.00", CultureInfo.InvariantCulture);

    private readonly record struct Entry(int Line, decimal Balance, decimal Delta);

    /// <summary>The breaks of one reading direction.</summary>
    private sealed class Chain
    {
        private readonly List<BalanceGap> _gaps = [];
        public IReadOnlyList<BalanceGap> Gaps => _gaps;
        public int Misses { get; private set; }
        public int Pairs { get; private set; }

        public void Check(int afterLine, decimal expected, decimal found)
        {
            Pairs++;
            if (expected == found) return;
            Misses++;
            if (_gaps.Count < MaxGaps) _gaps.Add(new BalanceGap(afterLine, expected, found));
        }
    }
}
