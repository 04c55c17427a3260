namespace Scale.Domain.Categorization;

/// <summary>
/// What the user told us about themselves that narrations can show: the names their accounts are held in (a
/// transfer to one of these names is a self-transfer) and their own account numbers (narrations print the full
/// number or its last digits). From the user's settings; never shared across users.
/// </summary>
public sealed record AccountHolder(IReadOnlyList<string> Names, IReadOnlyList<string> AccountNumbers)
{
    public static AccountHolder None { get; } = new([], []);

    public bool IsEmpty => Names.Count == 0 && AccountNumbers.Count == 0;
}
