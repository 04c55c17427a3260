using System.Buffers;

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

    // Span lookups into the sets, so a field is only turned into a string once it is kept.
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> FillerLookup = FillerFields.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> MarkerLookup = MarkerWords.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly SearchValues<char> SeparatorValues = SearchValues.Create(Separators);
    private const string WordTrim = ".()[]#\"'";

    /// <summary>
    /// The first field that names a counterparty, or null. Fields are read one at a time from the span and most
    /// narrations name theirs in the first two or three, so nothing is allocated for the fields after it (the
    /// earlier string.Split form split and allocated every field and word: 17 % of an import's CPU, dotnet-trace
    /// over bench/Ingestion).
    /// </summary>
    public static string? Extract(string upper, NarrationChannel channel)
    {
        if (channel is NarrationChannel.Atm or NarrationChannel.Interest or NarrationChannel.Fee or NarrationChannel.Cash)
            return null;
        var skipBanks = channel is NarrationChannel.Upi or NarrationChannel.Imps or NarrationChannel.Neft
            or NarrationChannel.Rtgs;
        // Analyze caps the narration it passes here, so the buffer for a field's cleaned words fits on the stack.
        Span<char> buffer = upper.Length <= NarrationAnalyzer.MaxScanLength
            ? stackalloc char[NarrationAnalyzer.MaxScanLength] : new char[upper.Length];
        var rest = upper.AsSpan();
        while (!rest.IsEmpty)
        {
            var cut = rest.IndexOfAny(SeparatorValues);
            var field = (cut < 0 ? rest : rest[..cut]).Trim();
            rest = cut < 0 ? [] : rest[(cut + 1)..];
            if (field.IsEmpty) continue;
            if (FillerLookup.Contains(CollapseSpaces(field, buffer))) continue;
            var cleaned = CleanField(field, buffer);
            if (cleaned.IsEmpty || FillerLookup.Contains(cleaned)) continue;
            var name = cleaned.ToString();
            if (skipBanks && BankNames.Contains(name)) continue;
            if (IsIfsc(name)) continue;
            var trimmed = TrimTrailingNoise(name);
            if (trimmed.Length >= 2) return trimmed;
        }
        return null;
    }

    /// <summary>The field's words joined by single spaces (the field itself when it has no run of spaces).</summary>
    private static ReadOnlySpan<char> CollapseSpaces(ReadOnlySpan<char> field, Span<char> buffer)
    {
        if (!field.Contains("  ", StringComparison.Ordinal)) return field;
        var length = 0;
        foreach (var range in field.Split(' '))
            if (!field[range].IsEmpty) AppendWord(buffer, ref length, field[range]);
        return buffer[..length];
    }

    /// <summary>
    /// The field without marker words, handles and reference-like words, written into <paramref name="buffer"/>;
    /// empty when what is left is not mostly letters.
    /// </summary>
    private static ReadOnlySpan<char> CleanField(ReadOnlySpan<char> field, Span<char> buffer)
    {
        var length = 0;
        foreach (var range in field.Split(' '))
        {
            var word = field[range].Trim(WordTrim);
            if (word.IsEmpty || MarkerLookup.Contains(word) || word.Contains('@')) continue;
            int digits = 0, xs = 0;
            foreach (var c in word)
            {
                if (char.IsAsciiDigit(c)) digits++;
                else if (c == 'X') xs++;
            }
            // Two or more digits inside a word make it a reference (ICI3f6a2b, HDFCN520…), not part of a name.
            if (digits >= 2 || (digits > 0 && digits * 2 >= word.Length) || (xs >= 2 && digits + xs == word.Length && digits > 0))
                continue;
            AppendWord(buffer, ref length, word);
        }
        var joined = buffer[..length];
        var letters = 0;
        foreach (var c in joined) if (char.IsLetter(c)) letters++;
        return letters >= 2 && letters * 2 >= joined.Length ? joined : [];
    }

    /// <summary>Appends <paramref name="word"/> to the words already in <paramref name="buffer"/>, one space between.</summary>
    private static void AppendWord(Span<char> buffer, ref int length, ReadOnlySpan<char> word)
    {
        if (length > 0) buffer[length++] = ' ';
        word.CopyTo(buffer[length..]);
        length += word.Length;
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
