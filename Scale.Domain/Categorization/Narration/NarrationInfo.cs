namespace Scale.Domain.Categorization;

/// <summary>
/// What <see cref="NarrationAnalyzer"/> read out of a bank narration.
/// <paramref name="Merchant"/> is the counterparty as printed (upper case, references and card masks removed);
/// <paramref name="Tokens"/> are lower-case words with reference numbers, card masks and VPAs removed.
/// </summary>
public sealed record NarrationInfo(
    NarrationChannel Channel,
    string? Merchant,
    string? Vpa,
    string? VpaDomain,
    IReadOnlyList<string> Tokens,
    bool HasCardMask,
    bool HasReference);
