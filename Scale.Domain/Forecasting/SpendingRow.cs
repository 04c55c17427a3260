namespace Scale.Domain.Forecasting;

/// <summary>One debit that counts as spending (transfers already excluded by the caller): its statement date,
/// amount (&gt; 0) and category.</summary>
public sealed record SpendingRow(DateOnly Date, decimal Amount, string Category);
