namespace Scale.Domain.Transactions;

/// <summary>Direction of money from the account holder's point of view. Stored as "debit"/"credit" only.</summary>
public enum TransactionType
{
    Debit,
    Credit,
}

public static class TransactionTypes
{
    public const string Debit = "debit";
    public const string Credit = "credit";

    public static string ToWire(this TransactionType type) => type == TransactionType.Debit ? Debit : Credit;

    /// <summary>The type a stored or sent value names; null for anything else (a NULL column, "any").</summary>
    public static TransactionType? ParseOrNull(string? value) => TryParse(value, out var type) ? type : null;

    public static bool TryParse(string? value, out TransactionType type)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case Debit: type = TransactionType.Debit; return true;
            case Credit: type = TransactionType.Credit; return true;
            default: type = default; return false;
        }
    }
}
