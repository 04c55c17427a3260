namespace Scale.Domain.Categorization;

/// <summary>Who is on the other side of a transaction, as far as the narration alone (and the user's profile) tells.</summary>
public enum CounterpartyKind
{
    /// <summary>The narration does not say (a truncated name, a bare reference).</summary>
    Unknown,
    /// <summary>An individual: a personal UPI handle, a P2A transfer, a name with an honorific.</summary>
    Person,
    /// <summary>A business: a merchant QR or gateway handle, a card purchase, a biller, a company-shaped name.</summary>
    Merchant,
    /// <summary>The user's own account elsewhere (their name or account number, "SELF").</summary>
    OwnAccount,
    /// <summary>A bank, a card issuer or a government body (tax, EPFO): charges, interest, card bills, taxes.</summary>
    BankOrGovernment,
}
