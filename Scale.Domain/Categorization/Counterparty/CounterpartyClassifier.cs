using System.Text.RegularExpressions;

namespace Scale.Domain.Categorization;

/// <summary>
/// Tells people from merchants, the user's own accounts and banks/government from what a narration shows: the
/// UPI handle (<see cref="UpiHandles"/>), the rail's P2A/P2M marker, the rail itself (a card purchase or a biller is
/// a business), honorifics and company words in the name, and the user's own names and account numbers.
/// Evidence that is not there gives <see cref="CounterpartyKind.Unknown"/>: an 8-character SBI name ("ZOMATO L",
/// "RITIK  S") is left to the model rather than guessed.
/// </summary>
public static partial class CounterpartyClassifier
{
    // Words in a counterparty that only businesses carry.
    private static readonly HashSet<string> BusinessWords = new(StringComparer.Ordinal)
    {
        "PVT", "PRIVATE", "LTD", "LIMITED", "LIMI", "LLP", "INC", "CORP", "CORPORATION", "COMPANY", "CO", "ENTERPRISES",
        "ENTERPRISE", "TRADERS", "TRADING", "STORE", "STORES", "SERVICES", "SERVICE", "SOLUTIONS", "TECHNOLOGIES",
        "TECHNOLOGY", "INDUSTRIES", "INDIA", "MART", "FOODS", "RESTAURANT", "HOTEL", "HOTELS", "PAYMENTS", "FINANCE",
        "FINANCIAL", "FINSERV", "FUND", "MUTUAL", "INSURANCE", "CAPITAL", "SECURITIES", "BROKING", "AGENCY", "AGENCIES",
        "MEDICAL", "MEDICALS", "PHARMACY", "HOSPITAL", "CLINIC", "SCHOOL", "COLLEGE", "ACADEMY", "UNIVERSITY", "CENTRE",
        "CENTER", "ASSOCIATES", "CONSULTANCY", "MOTORS", "AUTOMOBILES", "PETROLEUM", "FUELS", "ELECTRICALS",
        "ELECTRONICS", "TEXTILES", "JEWELLERS", "SUPERMARKET", "BAZAAR", "ONLINE", "RETAIL", "VENTURES", "GROUP",
        "HOLDINGS", "PHARMA", "LABS", "SWEETS", "BAKERY", "CAFE", "PROVISIONS", "GENERAL", "CLEARING", "CLEARIN",
        "SALES", "STUDIO", "WORKS", "GARAGE", "TRAVELS", "TOURS", "FASHIONS", "COLLECTIONS", "DAIRY", "BHANDAR",
        "KENDRA", "EMPORIUM", "HOUSE", "PALACE", "POINT", "ZONE", "HUB", "WORLD", "GALLERY", "CLUB", "STATION",
        "FILLING", "PUMP", "PETROL", "BAZAR", "CORNER", "CENTRE", "CHEMIST", "CHEMISTS", "OPTICALS", "MOBILES",
    };

    /// <summary>The kind from the narration alone (no profile): what the analyzer stores in <see cref="NarrationInfo.Kind"/>.</summary>
    internal static CounterpartyKind FromNarration(string upper, NarrationChannel channel, string? merchant, string? vpa)
    {
        if (channel is NarrationChannel.Atm or NarrationChannel.Interest or NarrationChannel.Fee)
            return CounterpartyKind.BankOrGovernment;
        if (GovernmentOrCardBill().IsMatch(upper)) return CounterpartyKind.BankOrGovernment;
        if (IsTransferRail(channel) && SelfMarker().IsMatch(upper)) return CounterpartyKind.OwnAccount;
        if (channel is NarrationChannel.Pos or NarrationChannel.Ecom or NarrationChannel.Bbps or NarrationChannel.Ach
            or NarrationChannel.StandingInstruction) return CounterpartyKind.Merchant;
        if (P2MMarker().IsMatch(upper) || MerchantQrMarker().IsMatch(upper)) return CounterpartyKind.Merchant;

        var nameKind = merchant is null ? CounterpartyKind.Unknown : KindOfName(merchant);
        if (nameKind == CounterpartyKind.Merchant) return CounterpartyKind.Merchant;
        var handleKind = vpa is null ? CounterpartyKind.Unknown : UpiHandles.KindOf(vpa);
        if (handleKind != CounterpartyKind.Unknown) return handleKind;
        if (nameKind == CounterpartyKind.Person) return CounterpartyKind.Person;
        if (P2AMarker().IsMatch(upper)) return CounterpartyKind.Person;
        return CounterpartyKind.Unknown;
    }

    /// <summary>
    /// The kind for one user: a counterparty named like one of the user's account holder names, or a narration
    /// that shows one of the user's own account numbers, is a transfer between their own accounts.
    /// </summary>
    public static CounterpartyKind ForUser(NarrationInfo info, string description, AccountHolder? holder)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(description);
        if (holder is null || holder.IsEmpty || !IsTransferRail(info.Channel)) return info.Kind;
        if (info.Merchant is { } name && holder.Names.Any(h => OwnName.Matches(name, h))) return CounterpartyKind.OwnAccount;
        var text = ExportPrefix.Strip(description);
        if (holder.AccountNumbers.Any(a => OwnAccountNumber.Appears(text, a))) return CounterpartyKind.OwnAccount;
        return info.Kind;
    }

    private static bool IsTransferRail(NarrationChannel channel) => channel is NarrationChannel.Upi or
        NarrationChannel.Neft or NarrationChannel.Imps or NarrationChannel.Rtgs or NarrationChannel.Other;

    private static CounterpartyKind KindOfName(string name)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return CounterpartyKind.Unknown;
        if (words.Any(BusinessWords.Contains)) return CounterpartyKind.Merchant;
        if (PersonHonorifics.Words.Contains(words[0]) && words.Length > 1) return CounterpartyKind.Person;
        // "TANVI DESAI", "NAVEEN KUMAR R", SBI's "SAMEER K": a given name first, then one or two name words.
        return words.Length is >= 2 and <= 3 && GivenNames.Contains(words[0]) && words.All(w => w.All(char.IsAsciiLetterUpper))
            ? CounterpartyKind.Person
            : CounterpartyKind.Unknown;
    }

    [GeneratedRegex(@"(^|[^A-Z])P2M([^A-Z]|$)")]
    private static partial Regex P2MMarker();
    [GeneratedRegex(@"(^|[^A-Z])P2A([^A-Z]|$)")]
    private static partial Regex P2AMarker();
    [GeneratedRegex(@"(^|[/\- ])(PAYTMQR|Q\d{8,}|BHARATPE|GPAY-\d|RAZORPAY|RZP|PAYU|CASHFREE|CCAVENUE|PINELABS|EZETAP)")]
    private static partial Regex MerchantQrMarker();
    [GeneratedRegex(@"(^|[/\- ])(SELF( TRANSFER| TRF| A/?C)?|OWN (ACCOUNT|A/?C)|SELF-TRANSFER)([/\- ]|$)")]
    private static partial Regex SelfMarker();
    [GeneratedRegex(@"CBDT|INCOME ?TAX|TIN[/ -]?NSDL|(^|[^A-Z])(EPFO|GSTN|GST PAYMENT|ADVANCE TAX|TDS PAYMENT|MUNICIPAL|PASSPORT SEVA|TREASURY)([^A-Z]|$)|CREDIT ?CARD|(^|[^A-Z])CC (PAYMENT|BILL|PMT)|CARD ?BILL|(^|[^A-Z])CARDS? (DUES|PAYMENT)")]
    private static partial Regex GovernmentOrCardBill();
}
