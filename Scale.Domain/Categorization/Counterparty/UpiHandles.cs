namespace Scale.Domain.Categorization;

/// <summary>
/// What a UPI address says about its owner. NPCI's handles are issued per app: Google Pay gives people
/// @okaxis/@oksbi/@okhdfcbank/@okicici and businesses @okbizaxis…; PhonePe gives both @ybl/@ibl/@axl, but its
/// merchant QR codes are "q&lt;digits&gt;@ybl"; Paytm merchants are "paytmqr…@paytm" or "…@ptys", people "…@ptsbi",
/// "…@pthdfc", a phone number "@paytm". Payment gateways (Razorpay, PayU, Cashfree, BillDesk) and bank merchant
/// handles (@axisbank, @hdfcbank, @icici, @yespay) collect for businesses. A local part that is a 10-digit mobile
/// number or a "first.last" name belongs to a person.
/// </summary>
internal static class UpiHandles
{
    // Handles people get; businesses do not (or only rarely, and then with a merchant-shaped local part).
    private static readonly HashSet<string> PersonalDomains = new(StringComparer.Ordinal)
    {
        "okaxis", "oksbi", "okhdfcbank", "okicici", "axl", "ptsbi", "pthdfc", "ptyes", "ptaxis",
        "upi", "fbl", "ikwik", "freecharge", "jupiteraxis", "fam", "slc", "superyes", "naviaxis", "kotak811",
    };

    // Handles of apps that serve both people and merchants: the local part decides.
    private static readonly HashSet<string> SharedDomains = new(StringComparer.Ordinal)
    {
        "ybl", "ibl", "paytm", "icici", "sbi", "kotak", "axisbank", "hdfcbank", "idfcbank", "federal", "indus", "pnb",
        "barodampay", "airtel", "aubank", "dbs", "rbl", "yesbank", "apl", "yapl", "ybl", "citibank",
    };

    private static readonly HashSet<string> MerchantDomains = new(StringComparer.Ordinal)
    {
        "ptys", "pty", "yespay", "okbizaxis", "okbizicici", "okbizhdfcbank", "okbizsbi", "rzp", "razorpay", "payu",
        "cashfree", "billdesk", "axisb", "icicipay", "hdfcpay", "ezetap", "pinelabs", "mairtel", "jiomerchant",
        "yesbankltd", "kmbl", "cnrb", "aubankmerchant", "timecosmos", "eazypay", "ybpay", "paytmpayments",
    };

    private static readonly HashSet<string> DomainLikeSuffixes = new(StringComparer.Ordinal)
    {
        "com", "online", "pay", "payment", "payments", "store", "shop", "app", "india", "order", "orders", "bill",
    };

    private static readonly string[] MerchantLocalPrefixes =
    [
        "paytmqr", "paytm-", "bharatpe", "gpay-", "mab.", "rzp", "razorpay", "payu", "cf.", "cashfree", "billdesk",
        "ccavenue", "pinelabs", "ezetap", "merchant", "vyapar", "getepay", "msw", "bqr", "upiqr", "stq", "yesbankqr",
    ];

    /// <summary>Every handle above, to re-join one that a line wrap split ("@ax isb" → "@axisb").</summary>
    public static bool IsKnownDomain(string domain) =>
        PersonalDomains.Contains(domain) || SharedDomains.Contains(domain) || MerchantDomains.Contains(domain);

    public static CounterpartyKind KindOf(string vpa)
    {
        var at = vpa.IndexOf('@', StringComparison.Ordinal);
        var local = at < 0 ? vpa : vpa[..at];
        var domain = at < 0 ? string.Empty : vpa[(at + 1)..];
        if (MerchantDomains.Contains(domain) || IsMerchantLocal(local)) return CounterpartyKind.Merchant;
        if (IsPhoneNumber(local)) return CounterpartyKind.Person;
        if (PersonalDomains.Contains(domain)) return CounterpartyKind.Person;
        // "rahul.sharma@ybl": a dotted first.last name. Merchants on shared handles use their brand with a domain
        // suffix, words or digits ("swiggy.in", "zomatoonline", "bigbasket123"), and so do people ("priyak98"):
        // that shape stays Unknown rather than guessing.
        if (SharedDomains.Contains(domain) || domain.Length == 0) return LooksLikePersonLocal(local) ? CounterpartyKind.Person : CounterpartyKind.Unknown;
        return CounterpartyKind.Unknown;
    }

    // Gateway and storefront words inside a local part: "flipkart.payu", "netflixupi", "swiggy.rzp", "jioonline".
    private static readonly string[] MerchantLocalWords =
        ["payu", "rzp", "razorpay", "cashfree", "billdesk", "ccavenue", "paytm", "upi", "online", "merchant", "store",
         "shop", "order", "bill", "recharge", "pay", "refund", "mart"];

    public static bool IsMerchantLocal(string local)
    {
        foreach (var prefix in MerchantLocalPrefixes)
            if (local.StartsWith(prefix, StringComparison.Ordinal)) return true;
        foreach (var word in MerchantLocalWords)
            if (local.Contains(word, StringComparison.Ordinal)) return true;
        // PhonePe merchant QR codes: q followed by 8+ digits.
        return local.Length >= 9 && local[0] == 'q' && local.AsSpan(1).IndexOfAnyExceptInRange('0', '9') < 0
               || local.Contains(".rzp", StringComparison.Ordinal) || local.Contains("merchant", StringComparison.Ordinal);
    }

    private static bool IsPhoneNumber(string local)
    {
        var digits = local.StartsWith("91", StringComparison.Ordinal) && local.Length == 12 ? local[2..] : local;
        return digits.Length == 10 && digits[0] is >= '6' and <= '9' && digits.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0;
    }

    private static bool LooksLikePersonLocal(string local)
    {
        var dot = local.IndexOf('.', StringComparison.Ordinal);
        // Two name parts of 3+ letters: "rahul.sharma", not "swiggy.in" or "amazon.co".
        return dot >= 3 && dot <= local.Length - 4 && local.Count(c => c == '.') == 1 &&
               local.All(c => c == '.' || char.IsAsciiLetterLower(c)) && !DomainLikeSuffixes.Contains(local[(dot + 1)..]);
    }
}
