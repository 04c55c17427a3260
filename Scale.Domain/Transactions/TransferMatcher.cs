using Scale.Domain.Categorization;
using Scale.Domain.Ingestion;

namespace Scale.Domain.Transactions;

/// <summary>A stored row that may be one side of an own-account transfer; <paramref name="IsNew"/>: from the import being matched.</summary>
public sealed record TransferCandidate(
    long Id, DateOnly Date, decimal Amount, TransactionType Type, string Currency, string Account, string Description,
    string? Reference, bool IsNew);

/// <summary>A debit and the credit it moved into another of the user's accounts.</summary>
public readonly record struct TransferPair(long DebitId, long CreditId);

/// <summary>
/// Finds own-account transfers: money leaving one of the user's accounts and arriving in another. A debit D and a
/// credit C are candidates when all of these hold:
/// <list type="number">
/// <item>both name an account and the accounts differ (a statement's own debit and credit never pair);</item>
/// <item>the same amount and currency;</item>
/// <item>dates at most <see cref="MaxDaysApart"/> days apart, in either order (NEFT settles next working day;
/// a weekend adds two);</item>
/// <item>the user has not undone this very pair before (<paramref name="dismissed"/> in <see cref="Match"/>);</item>
/// <item>evidence that agrees, at least one of: the same UPI/IMPS RRN or NEFT/RTGS UTR on both rows (from the
/// narration, else a reference column of 10+ characters, leading zeros ignored: cheque numbers and authorization
/// codes are too short to join two banks' rows); a narration naming the other row's account (its last four digits
/// behind a mask, "XXXXXXXX6789"); or a narration that says it is the user's own account (self-transfer words on a
/// transfer rail, or a counterparty with one of the user's account holder names or own account numbers:
/// <see cref="CounterpartyClassifier.ForUser"/>).</item>
/// </list>
/// A candidate pair is linked only when it is one-to-one: D has no other candidate credit and C no other candidate
/// debit among the rows given (ambiguity links nothing, so two equal transfers on one day stay unpaired rather than
/// risk crossing them). At least one side must be new: an import links its own rows, and old rows that did not pair
/// before are left as they are. Pure: the caller gives every unpaired row that could be a candidate of a candidate
/// (<see cref="WindowDays"/> around the new rows).
/// </summary>
public static class TransferMatcher
{
    public const int MaxDaysApart = 3;

    /// <summary>How far around the new rows' dates the caller must look: a candidate's own other candidates.</summary>
    public const int WindowDays = 2 * MaxDaysApart;

    private const int MinColumnReferenceLength = 10;

    public static IReadOnlyList<TransferPair> Match(IReadOnlyList<TransferCandidate> rows, AccountHolder holder, IReadOnlySet<TransferPair> dismissed)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(dismissed);
        // Evidence reads narrations (the costly part), so only for rows that meet the cheap conditions first; a
        // 100,000-row statement of one account has none.
        var evidence = new Dictionary<long, Evidence>();
        Evidence EvidenceOf(TransferCandidate row)
        {
            if (!evidence.TryGetValue(row.Id, out var e)) evidence[row.Id] = e = Evidence.Of(row, holder);
            return e;
        }
        var candidates = new List<TransferPair>();
        foreach (var group in rows.GroupBy(r => (r.Amount, r.Currency)))
        {
            var credits = group.Where(r => r.Type == TransactionType.Credit).OrderBy(r => r.Date).ToList();
            if (credits.Count == 0) continue;
            var creditDays = credits.Select(c => c.Date.DayNumber).ToList();
            foreach (var debit in group.Where(r => r.Type == TransactionType.Debit))
            {
                for (var i = FirstAtOrAfter(creditDays, debit.Date.DayNumber - MaxDaysApart);
                     i < credits.Count && creditDays[i] <= debit.Date.DayNumber + MaxDaysApart; i++)
                {
                    var credit = credits[i];
                    var pair = new TransferPair(debit.Id, credit.Id);
                    if (!string.Equals(debit.Account, credit.Account, StringComparison.Ordinal) && !dismissed.Contains(pair) &&
                        Agrees(EvidenceOf(debit), EvidenceOf(credit)))
                        candidates.Add(pair);
                }
            }
        }

        var perDebit = candidates.CountBy(p => p.DebitId).ToDictionary();
        var perCredit = candidates.CountBy(p => p.CreditId).ToDictionary();
        var byId = rows.ToDictionary(r => r.Id);
        return candidates
            .Where(p => perDebit[p.DebitId] == 1 && perCredit[p.CreditId] == 1 && (byId[p.DebitId].IsNew || byId[p.CreditId].IsNew))
            .ToList();
    }

    /// <summary>Index of the first day ≥ <paramref name="day"/> in ascending <paramref name="days"/>.</summary>
    private static int FirstAtOrAfter(List<int> days, int day)
    {
        int lo = 0, hi = days.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (days[mid] < day) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private static bool Agrees(Evidence debit, Evidence credit) =>
        (debit.Reference is not null && debit.Reference == credit.Reference)
        || debit.SaysOwnAccount || credit.SaysOwnAccount
        || debit.Names(credit.AccountDigits) || credit.Names(debit.AccountDigits);

    /// <summary>What one row's narration and reference say, computed once per row.</summary>
    private sealed record Evidence(string Narration, string? Reference, bool SaysOwnAccount, string? AccountDigits)
    {
        public static Evidence Of(TransferCandidate row, AccountHolder holder)
        {
            var narration = ExportPrefix.Strip(row.Description);
            var info = NarrationAnalyzer.Analyze(row.Description);
            var own = CounterpartyClassifier.ForUser(info, row.Description, holder) == CounterpartyKind.OwnAccount;
            return new Evidence(narration, TransferReference(row), own, AccountLabel.LastDigits(row.Account));
        }

        public bool Names(string? accountDigits) => accountDigits is not null && OwnAccountNumber.Appears(Narration, accountDigits);

        private static string? TransferReference(TransferCandidate row)
        {
            if (NarrationAnalyzer.ReferenceOf(row.Description) is { Kind: BankReferenceKind.Rrn or BankReferenceKind.Utr } fromNarration)
                return fromNarration.Value;
            return ReferenceIdentity.Usable(row.Reference) is { Length: >= MinColumnReferenceLength } column ? column : null;
        }
    }
}
