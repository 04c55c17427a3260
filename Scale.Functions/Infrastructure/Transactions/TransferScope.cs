using Scale.Domain.Transactions;

namespace Scale.Functions.Infrastructure.Transactions;

/// <summary>
/// What an import's rows can pair with, gathered as they stream past: the amounts and the date span of rows that
/// name an account (a row without one cannot be a transfer side). Bounds the matcher's query to those amounts and
/// dates ± <see cref="TransferMatcher.WindowDays"/>, never the user's whole history.
/// </summary>
public sealed class TransferScope
{
    private readonly HashSet<decimal> _amounts = [];
    private readonly HashSet<string> _accounts = new(StringComparer.Ordinal);

    public DateOnly From { get; private set; } = DateOnly.MaxValue;
    public DateOnly To { get; private set; } = DateOnly.MinValue;
    public bool IsEmpty => _amounts.Count == 0;
    public decimal[] Amounts => [.. _amounts];
    /// <summary>The accounts the rows name: one for a statement, which lets the query start from the other accounts.</summary>
    public IReadOnlyCollection<string> Accounts => _accounts;

    public void Add(TransactionDraft draft)
    {
        if (draft.Account is null) return;
        _amounts.Add(draft.Amount);
        _accounts.Add(draft.Account);
        if (draft.Date < From) From = draft.Date;
        if (draft.Date > To) To = draft.Date;
    }
}
