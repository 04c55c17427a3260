using Scale.Domain.Categorization;
using Scale.Domain.Transactions;

namespace Scale.Functions.Tests.Domain;

/// <summary>Issue 12 item 4: which debit and credit are one own-account transfer (TransferMatcher's rules).</summary>
public class TransferMatcherTests
{
    private const string Hdfc = "HDFC XX6789";
    private const string Icici = "ICICI XX4567";
    private const string Sbi = "SBI XX1234";
    private static readonly HashSet<TransferPair> NoneDismissed = [];

    private static TransferCandidate Debit(long id, string date, decimal amount, string narration, string account = Hdfc,
        string? reference = null, bool isNew = true) =>
        new(id, DateOnly.Parse(date), amount, TransactionType.Debit, "INR", account, narration, reference, isNew);

    private static TransferCandidate Credit(long id, string date, decimal amount, string narration, string account = Icici,
        string? reference = null, bool isNew = true) =>
        new(id, DateOnly.Parse(date), amount, TransactionType.Credit, "INR", account, narration, reference, isNew);

    private static IReadOnlyList<TransferPair> Match(AccountHolder? holder = null, IReadOnlySet<TransferPair>? dismissed = null,
        params TransferCandidate[] rows) => TransferMatcher.Match(rows, holder ?? AccountHolder.None, dismissed ?? NoneDismissed);

    [Fact]
    public void The_same_utr_on_both_sides_pairs_them()
    {
        var pairs = Match(rows: [
            Debit(1, "2024-04-08", 20000m, "NEFT DR-ICIC0000104-RAHUL SHARMA-NETBANK-N099240012345678"),
            Credit(2, "2024-04-09", 20000m, "NEFT-N099240012345678-RAHUL SHARMA-HDFC BANK")]);
        Assert.Equal([new TransferPair(1, 2)], pairs);
    }

    [Fact]
    public void A_reference_column_with_leading_zeros_matches_the_rrn_in_the_other_narration()
    {
        var pairs = Match(rows: [
            Debit(1, "2024-04-08", 5000m, "IMPS P2A TRANSFER", reference: "0000409812345678"),
            Credit(2, "2024-04-08", 5000m, "MMT/IMPS/409812345678/TRANSFER/HDFC")]);
        Assert.Equal([new TransferPair(1, 2)], pairs);
    }

    [Fact]
    public void Self_transfer_words_are_evidence()
    {
        var pairs = Match(rows: [
            Debit(1, "2024-04-08", 3000m, "UPI-SELF TRANSFER-RAHUL@OKHDFC-HDFC0000001-123456789012-SELF"),
            Credit(2, "2024-04-08", 3000m, "UPI/987654321098/from own a/c")]);
        Assert.Single(pairs);
    }

    [Fact]
    public void A_narration_naming_the_other_accounts_last_digits_is_evidence()
    {
        var pairs = Match(rows: [
            Debit(1, "2024-04-08", 7000m, "IMPS-ICICI-XXXXXXXX4567-MONTHLY"),
            Credit(2, "2024-04-10", 7000m, "BY TRANSFER FROM HDFC")]);
        Assert.Single(pairs);
    }

    [Fact]
    public void The_users_own_name_as_the_counterparty_is_evidence_only_with_the_profile()
    {
        TransferCandidate[] rows = [
            Debit(1, "2024-04-08", 9000m, "NEFT DR-ICIC0000104-RAHUL SHARMA-NETBANK"),
            Credit(2, "2024-04-08", 9000m, "NEFT CR-HDFC0000001-RAHUL SHARMA-SAVINGS")];
        Assert.Empty(Match(rows: rows));
        Assert.Single(Match(holder: new AccountHolder(["Rahul Sharma"], []), rows: rows));
    }

    [Fact]
    public void Rows_of_one_account_never_pair()
    {
        Assert.Empty(Match(rows: [
            Debit(1, "2024-04-08", 3000m, "UPI-SELF TRANSFER-123456789012", account: Hdfc),
            Credit(2, "2024-04-08", 3000m, "UPI-SELF TRANSFER-123456789012", account: Hdfc)]));
    }

    [Fact]
    public void Without_evidence_equal_amounts_do_not_pair()
    {
        Assert.Empty(Match(rows: [
            Debit(1, "2024-04-08", 500m, "UPI-SWIGGY-SWIGGY@ICICI-409112345678-DINNER"),
            Credit(2, "2024-04-08", 500m, "NEFT CR-ACME TECHNOLOGIES-REIMBURSEMENT")]));
    }

    [Theory]
    [InlineData("2024-04-11", true)]   // three days later
    [InlineData("2024-04-05", true)]   // three days earlier (a statement dated by value date)
    [InlineData("2024-04-12", false)]
    public void Dates_at_most_three_days_apart(string creditDate, bool paired)
    {
        var pairs = Match(rows: [
            Debit(1, "2024-04-08", 3000m, "UPI-SELF TRANSFER-123456789012"),
            Credit(2, creditDate, 3000m, "UPI/987654321098/SELF")]);
        Assert.Equal(paired, pairs.Count == 1);
    }

    [Fact]
    public void Different_amounts_do_not_pair()
    {
        Assert.Empty(Match(rows: [
            Debit(1, "2024-04-08", 3000m, "UPI-SELF TRANSFER-123456789012"),
            Credit(2, "2024-04-08", 2999m, "UPI/987654321098/SELF")]));
    }

    [Fact]
    public void Two_candidate_credits_make_the_debit_ambiguous_and_nothing_pairs()
    {
        Assert.Empty(Match(rows: [
            Debit(1, "2024-04-08", 3000m, "UPI-SELF TRANSFER-123456789012"),
            Credit(2, "2024-04-08", 3000m, "UPI/987654321098/SELF", account: Icici),
            Credit(3, "2024-04-09", 3000m, "BY TRANSFER-SELF", account: Sbi)]));
    }

    [Fact]
    public void Two_candidate_debits_make_the_credit_ambiguous()
    {
        Assert.Empty(Match(rows: [
            Debit(1, "2024-04-08", 3000m, "UPI-SELF TRANSFER-123456789012", account: Hdfc),
            Debit(2, "2024-04-08", 3000m, "TO TRANSFER-SELF", account: Sbi),
            Credit(3, "2024-04-09", 3000m, "UPI/987654321098/SELF", account: Icici)]));
    }

    [Fact]
    public void Two_transfers_of_different_references_on_one_day_pair_each_with_its_own()
    {
        var pairs = Match(rows: [
            Debit(1, "2024-04-08", 1000m, "IMPS-409812345671-TRANSFER"),
            Debit(2, "2024-04-08", 1000m, "IMPS-409812345672-TRANSFER"),
            Credit(3, "2024-04-08", 1000m, "MMT/IMPS/409812345672/TRANSFER"),
            Credit(4, "2024-04-08", 1000m, "MMT/IMPS/409812345671/TRANSFER")]);
        Assert.Equal([new TransferPair(1, 4), new TransferPair(2, 3)], pairs.OrderBy(p => p.DebitId));
    }

    [Fact]
    public void An_undone_pair_is_not_linked_again_and_does_not_count_as_a_rival()
    {
        TransferCandidate[] rows = [
            Debit(1, "2024-04-08", 3000m, "UPI-SELF TRANSFER-123456789012", isNew: false),
            Credit(2, "2024-04-08", 3000m, "UPI/987654321098/SELF", account: Icici, isNew: true)];
        Assert.Empty(Match(dismissed: new HashSet<TransferPair> { new(1, 2) }, rows: rows));
        Assert.Single(Match(rows: rows));
    }

    [Fact]
    public void Old_rows_that_did_not_pair_before_are_left_alone()
    {
        Assert.Empty(Match(rows: [
            Debit(1, "2024-04-08", 3000m, "UPI-SELF TRANSFER-123456789012", isNew: false),
            Credit(2, "2024-04-08", 3000m, "UPI/987654321098/SELF", isNew: false)]));
    }
}
