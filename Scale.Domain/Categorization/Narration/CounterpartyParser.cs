namespace Scale.Domain.Categorization;

/// <summary>
/// Finds the counterparty segment of a narration: banks print it as one of the '/', '-' or '*' separated fields,
/// surrounded by rail markers, reference numbers, IFSC codes, bank names and free-text remarks. The first field
/// that is left after removing those is, across the five banks' layouts, the payee/payer or merchant.
/// </summary>
internal static class CounterpartyParser
{
    private static readonly char[] Separators = ['/', '-', '*', ':', '|', '\\', ',', ';'];

    // Words that are rail or layout markers, never part of a name.
    private static readonly HashSet<string> MarkerWords = new(StringComparer.Ordinal)
    {
        "UPI", "P2M", "P2A", "DR", "CR", "NEFT", "IMPS", "RTGS", "MMT", "ACH", "NACH", "ECS", "D", "C", "POS", "ECOM",
        "PUR", "PURCHASE", "PCD", "BIL", "ONL", "BPAY", "BBPS", "BILLPAY", "IB", "INB", "TO", "BY", "TRANSFER",
        "DEBIT", "CREDIT", "ACHDR", "ACHCR", "OTHPG", "ATM", "TXN", "REF", "NO", "SI", "MB", "NA", "RRN", "UTR",
        "E", "COM", "PG", "PURCH", "OUT", "VPS", "IPS", "CARD", "ONLINE", "SENT", "RECEIVED", "FROM", "PRCH",
        "BILLDESK", "PAYMENT", "AUTOPAY", "REV", "REF", "TP", "CASH", "CHQ", "PAID", "MICR", "CTS", "CLG", "INWARD",
        "OUTWARD", "DEP", "DEPOSIT",
    };

    // Whole fields that are remarks or layout filler rather than a counterparty.
    private static readonly HashSet<string> FillerFields = new(StringComparer.Ordinal)
    {
        "PAYMENT", "PAY", "PAYMENT FROM PH", "PAYMENT FROM PHONE", "PAYMENT FROM PHONEPE", "SENT USING PAYTM U",
        "SENT FROM PAYTM", "UPI INTENT", "COLLECT", "NO REMARKS", "RENT", "SALARY", "SELF", "NIL", "PAY TO",
        "FUND TRANSFER", "PAYMENT ON CRED", "OID", "IN", "VERIFY", "REQUEST", "ORDER",
    };

    private static readonly HashSet<string> BankNames = new(StringComparer.Ordinal)
    {
        "YES BANK", "YES BANK LIMITED", "YES BANK LTD", "HDFC", "HDFC BANK", "HDFC BANK LTD", "ICICI", "ICICI BANK",
        "ICICI BANK LTD", "SBI", "SBIN", "STATE BANK OF INDIA", "AXIS", "AXIS BANK", "AXIS BANK LTD", "UTIB", "KOTAK",
        "KOTAK MAHINDRA BANK", "KOTAK BANK", "KKBK", "YESB", "ICIC", "HDFC0", "PUNB", "BARB", "CNRB", "IDFB",
        "PAYTM PAYMENTS BANK", "AIRTEL PAYMENTS BANK", "IDFC FIRST BANK", "PUNJAB NATIONAL BANK", "BANK OF BARODA",
        "CANARA BANK", "UNION BANK OF INDIA", "INDUSIND BANK", "FEDERAL BANK", "NETBANK", "NETBANKING", "MUM",
    };

    private static readonly string[] TrailingNoise =
        [" POS DEBIT", " DEBIT", " PURCHASE", " IND", " IN", " MUMBAI", " BANGALORE", " BENGALURU", " NEW DELHI",
         " DELHI", " GURGAON", " GURUGRAM", " PUNE", " CHENNAI", " HYDERABAD", " KOLKATA", " NOIDA"];

    public static string? Extract(string upper, NarrationChannel channel)
    {
        if (channel is NarrationChannel.Atm or NarrationChannel.Interest or NarrationChannel.Fee or NarrationChannel.Cash)
            return null;
        var skipBanks = channel is NarrationChannel.Upi or NarrationChannel.Imps or NarrationChannel.Neft
            or NarrationChannel.Rtgs;
        foreach (var field in upper.Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (FillerFields.Contains(string.Join(' ', field.Split(' ', StringSplitOptions.RemoveEmptyEntries)))) continue;
            var cleaned = CleanField(field);
            if (cleaned is null || FillerFields.Contains(cleaned)) continue;
            if (skipBanks && BankNames.Contains(cleaned)) continue;
            if (IsIfsc(cleaned)) continue;
            var trimmed = TrimTrailingNoise(cleaned);
            if (trimmed.Length >= 2) return trimmed;
        }
        return null;
    }

    private static string? CleanField(string field)
    {
        var words = field.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var kept = new List<string>(words.Length);
        foreach (var raw in words)
        {
            var word = raw.Trim('.', '(', ')', '[', ']', '#', '"', '\'');
            if (word.Length == 0 || MarkerWords.Contains(word) || word.Contains('@', StringComparison.Ordinal)) continue;
            var digits = word.Count(char.IsAsciiDigit);
            var xs = word.Count(c => c == 'X');
            // Two or more digits inside a word make it a reference (ICI3f6a2b, HDFCN520…), not part of a name.
            if (digits >= 2 || (digits > 0 && digits * 2 >= word.Length) || (xs >= 2 && digits + xs == word.Length && digits > 0))
                continue;
            kept.Add(word);
        }
        if (kept.Count == 0) return null;
        var joined = string.Join(' ', kept);
        var letters = joined.Count(char.IsLetter);
        return letters >= 2 && letters * 2 >= joined.Length ? joined : null;
    }

    private static string TrimTrailingNoise(string name)
    {
        var changed = true;
        while (changed)
        {
            changed = false;
            foreach (var suffix in TrailingNoise)
            {
                if (name.Length > suffix.Length + 2 && name.EndsWith(suffix, StringComparison.Ordinal))
                {
                    name = name[..^suffix.Length];
                    changed = true;
                }
            }
        }
        return name;
    }

    private static bool IsIfsc(string s) =>
        s.Length == 11 && s[4] == '0' && s.Take(4).All(char.IsAsciiLetterUpper) && s.Skip(5).All(char.IsAsciiLetterOrDigit);
}
