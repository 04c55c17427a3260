namespace Scale.Domain.Categorization;

/// <summary>
/// What <see cref="NarrationAnalyzer"/> read out of a bank narration.
/// <paramref name="Merchant"/> is the counterparty as printed (upper case, references and card masks removed);
/// <paramref name="Tokens"/> are lower-case words with reference numbers, card masks and VPAs removed;
/// <paramref name="Kind"/> is who the counterparty is from the narration alone (the user's own accounts need the
/// profile: <see cref="CounterpartyClassifier.ForUser"/>); <paramref name="Mcc"/> the merchant category code some
/// banks print after UPI payments (Federal's "UPIOUT/…/5814"), or null.
/// </summary>
public sealed record NarrationInfo(
    NarrationChannel Channel,
    string? Merchant,
    string? Vpa,
    string? VpaDomain,
    IReadOnlyList<string> Tokens,
    bool HasCardMask,
    bool HasReference,
    CounterpartyKind Kind = CounterpartyKind.Unknown,
    int? Mcc = null);
