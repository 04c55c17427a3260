using System.Text.Json.Nodes;

namespace Scale.Domain.Transactions;

/// <summary>
/// A transaction as it arrives from any import path (JSON import, statement file, labelled training file),
/// validated but not yet stored. Amount is always positive; <see cref="Type"/> carries the direction.
/// </summary>
public sealed record TransactionDraft
{
    public required DateOnly Date { get; init; }
    public required decimal Amount { get; init; }
    public required TransactionType Type { get; init; }
    public required string Description { get; init; }
    public string? Merchant { get; init; }
    /// <summary>The merchant SCALE resolved when <see cref="Merchant"/> shows the user's own name for it (a rename
    /// learned from feedback); null when no rename applies. Kept so the rename can be undone.</summary>
    public string? MerchantBeforeRename { get; init; }
    public string? Category { get; init; }
    /// <summary>Who chose <see cref="Category"/> (<see cref="CategorySources"/>): set by enrichment, null before it.</summary>
    public string? CategorySource { get; init; }
    public string? PaymentMethod { get; init; }
    public string? Reference { get; init; }
    /// <summary>The user's account the row came from, masked (<see cref="AccountLabel"/>); null when unknown. Not part of
    /// the fingerprint: identities stored before accounts were known must not move.</summary>
    public string? Account { get; init; }
    /// <summary>ISO 4217 code, upper case.</summary>
    public string Currency { get; init; } = "INR";
    /// <summary>The source row exactly as received (statement columns or the client's raw object).</summary>
    public JsonObject? Raw { get; init; }
}
