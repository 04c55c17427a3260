namespace Scale.Domain.Ingestion.Parsing;

/// <summary>Wire values of <see cref="BalanceCheck.Status"/> (API.md).</summary>
public static class BalanceCheckStatuses
{
    /// <summary>Every running balance, and every total the statement printed, agrees with the parsed rows.</summary>
    public const string Verified = "verified";
    /// <summary>At least one balance or total disagrees: rows may be missing, doubled or misread.</summary>
    public const string Gap = "gap";
    /// <summary>The statement has no running balance and no totals to check against.</summary>
    public const string NotAvailable = "not_available";
}

/// <summary>
/// A running balance that does not follow from the one before it: after the row on line <see cref="AfterRow"/>
/// the next row should have shown <see cref="ExpectedBalance"/> but shows <see cref="FoundBalance"/>.
/// </summary>
public sealed record BalanceGap(int AfterRow, decimal ExpectedBalance, decimal FoundBalance);

/// <summary>One figure the statement printed about itself (footer or summary) and what the parsed rows give.</summary>
public sealed record StatementTotal(string Name, decimal Statement, decimal Parsed)
{
    public bool Matches => Statement == Parsed;
}

/// <summary>
/// The proof a parse offers that it read the statement exactly: the running-balance chain and the bank's own
/// totals, compared with the parsed rows. Computed once, in the row loop, for /parse and uploads alike.
/// </summary>
public sealed record BalanceCheck(string Status, IReadOnlyList<BalanceGap> Gaps, IReadOnlyList<StatementTotal> Totals)
{
    public static readonly BalanceCheck NotAvailable = new(BalanceCheckStatuses.NotAvailable, [], []);
}
