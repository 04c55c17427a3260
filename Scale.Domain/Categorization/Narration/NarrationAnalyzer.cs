using System.Globalization;
using System.Text.RegularExpressions;

namespace Scale.Domain.Categorization;

/// <summary>
/// Reads Indian bank narrations (HDFC, ICICI, SBI, Axis, Kotak layouts): the rail, the counterparty, the VPA and
/// clean word tokens. Pure and thread-safe; the ingestion path calls it to fill a missing merchant for display.
/// </summary>
public static partial class NarrationAnalyzer
{
    // Real narrations are < 200 chars; capping keeps pathological input (10k chars) cheap and bounded.
    internal const int MaxScanLength = 256;
    private const int MaxTokens = 40;

    // Layout filler that every bank sprinkles anywhere; it says nothing about the category.
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "ref", "no", "to", "by", "the", "of", "for", "from", "in", "na", "txn", "on", "at", "and", "a",
    };

    /// <summary>Never throws for any non-null string; empty input yields channel Other and no tokens.</summary>
    public static NarrationInfo Analyze(string description)
    {
        ArgumentNullException.ThrowIfNull(description);
        var text = ExportPrefix.Strip(description);
        if (text.Length > MaxScanLength) text = text[..MaxScanLength];
        var mcc = MccOf(text);
        string? vpa = null, vpaDomain = null;
        var vpaMatch = VpaPattern().Match(text);
        if (vpaMatch.Success)
        {
            var length = vpaMatch.Length;
            vpa = vpaMatch.Value.ToLowerInvariant();
            vpaDomain = vpa[(vpa.IndexOf('@', StringComparison.Ordinal) + 1)..];
            length += RejoinWrappedDomain(text, vpaMatch.Index + length, ref vpa, ref vpaDomain);
            if (vpaDomain.Length == 0) vpaDomain = null; // SBI cuts the handle after '@' ("rs6321908@")
            // The VPA is reported separately; removing it keeps handles out of tokens and merchant segments.
            text = string.Concat(text.AsSpan(0, vpaMatch.Index), " ", text.AsSpan(vpaMatch.Index + length));
        }

        var upper = text.ToUpperInvariant();
        var channel = DetectChannel(upper);
        var merchant = CounterpartyParser.Extract(upper, channel);
        if (merchant is null && vpa is not null && channel is NarrationChannel.Upi) merchant = MerchantFromVpa(vpa);
        var kind = CounterpartyClassifier.FromNarration(upper, channel, merchant, vpa);

        var tokens = Tokenize(text, out var hasCard, out var hasReference);
        return new NarrationInfo(channel, merchant, vpa, vpaDomain, tokens, hasCard, hasReference, kind, mcc);
    }

    /// <summary>
    /// PDF and app exports wrap long narrations at a column width and the line break becomes a space, sometimes
    /// inside the handle ("q039066346@ax isb"). When the handle plus the next word is a known UPI handle and the
    /// handle alone is not, the two are one; returns how many more characters the VPA covers.
    /// </summary>
    private static int RejoinWrappedDomain(string text, int end, ref string vpa, ref string domain)
    {
        if (end + 1 >= text.Length || text[end] != ' ' || UpiHandles.IsKnownDomain(domain)) return 0;
        var next = end + 1;
        while (next < text.Length && char.IsAsciiLetter(text[next])) next++;
        var joined = domain + text[(end + 1)..next].ToLowerInvariant();
        if (next == end + 1 || !UpiHandles.IsKnownDomain(joined)) return 0;
        vpa = vpa[..(vpa.Length - domain.Length)] + joined;
        domain = joined;
        return next - end;
    }

    /// <summary>Federal Bank ends UPI narrations with the payee's merchant category code: "UPIOUT/…/Paid via /5814".</summary>
    private static int? MccOf(string text)
    {
        var match = MccPattern().Match(text);
        return match.Success ? int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture) : null;
    }

    /// <summary>Order matters: a rail keyword beats a fee word ("UPI/…/SCHOOL FEES" is UPI, not a bank fee).</summary>
    internal static NarrationChannel DetectChannel(string upper)
    {
        if (UpiPattern().IsMatch(upper)) return NarrationChannel.Upi;
        if (upper.StartsWith("UPIOUT", StringComparison.Ordinal) || upper.StartsWith("UPIAR", StringComparison.Ordinal)
            || upper.StartsWith("UPIAB", StringComparison.Ordinal)) return NarrationChannel.Upi;
        if (NeftPattern().IsMatch(upper)) return NarrationChannel.Neft;
        if (RtgsPattern().IsMatch(upper)) return NarrationChannel.Rtgs;
        if (ImpsPattern().IsMatch(upper)) return NarrationChannel.Imps;
        if (AchPattern().IsMatch(upper)) return NarrationChannel.Ach;
        if (BbpsPattern().IsMatch(upper)) return NarrationChannel.Bbps;
        if (InterestPattern().IsMatch(upper)) return NarrationChannel.Interest;
        if (FeePattern().IsMatch(upper)) return NarrationChannel.Fee;
        if (PosPattern().IsMatch(upper)) return NarrationChannel.Pos;
        if (AtmPattern().IsMatch(upper)) return NarrationChannel.Atm;
        if (EcomPattern().IsMatch(upper)) return NarrationChannel.Ecom;
        if (ChequePattern().IsMatch(upper)) return NarrationChannel.Cheque;
        if (CashPattern().IsMatch(upper)) return NarrationChannel.Cash;
        if (SiPattern().IsMatch(upper)) return NarrationChannel.StandingInstruction;
        return NarrationChannel.Other;
    }

    private static string? MerchantFromVpa(string vpa)
    {
        // "swiggy.in@axisbank" → SWIGGY IN; a phone-number handle ("98xxxxxx10@ybl") names nobody.
        var local = vpa[..vpa.IndexOf('@', StringComparison.Ordinal)];
        var letters = new string(local.Select(c => char.IsLetter(c) ? char.ToUpperInvariant(c) : ' ').ToArray());
        var cleaned = string.Join(' ', letters.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return cleaned.Length >= 3 ? cleaned : null;
    }

    private static List<string> Tokenize(string text, out bool hasCard, out bool hasReference)
    {
        hasCard = false;
        hasReference = false;
        var tokens = new List<string>(16);
        var span = text.AsSpan();
        var i = 0;
        int previousStart = -1, previousEnd = -1;
        while (i < span.Length && tokens.Count < MaxTokens)
        {
            while (i < span.Length && !IsWordChar(span[i])) i++;
            var start = i;
            while (i < span.Length && IsWordChar(span[i])) i++;
            if (i == start) break;
            var word = span[start..i];
            if (WrappedPair(span, previousStart, previousEnd, start, i) is { } joined && tokens.Count < MaxTokens - 1) tokens.Add(joined);
            (previousStart, previousEnd) = (start, i);
            var digits = 0;
            foreach (var c in word) if (char.IsAsciiDigit(c)) digits++;
            if (IsCardMask(word)) { hasCard = true; continue; }
            if (digits >= 4 || (digits > 0 && digits * 2 >= word.Length))
            {
                // Reference numbers, RRNs, UTRs, dates: noise for the category, but their presence is a feature.
                if (digits >= 6) hasReference = true;
                continue;
            }
            if (word.Length < 2) continue;
            var token = word.ToString().ToLowerInvariant();
            if (StopWords.Contains(token)) continue;
            tokens.Add(token);
        }
        return tokens;
    }

    private static readonly HashSet<string> NeverWrapped = new(StringComparer.Ordinal)
    {
        "mr", "ms", "dr", "cr", "in", "to", "by", "of", "no", "na", "pg", "co", "upi", "neft", "imps", "pos", "ach",
    };

    /// <summary>
    /// Exports wrap narrations at a fixed width and the break becomes a space inside a word ("Pai d", "SWIG GY").
    /// Two letter-only words one space apart, one of them at most two letters, also give their concatenation as
    /// a token, so "paid" and "swiggy" are still seen; the halves stay too, since most such pairs are real words.
    /// </summary>
    private static string? WrappedPair(ReadOnlySpan<char> span, int previousStart, int previousEnd, int start, int end)
    {
        if (previousStart < 0 || start != previousEnd + 1 || span[previousEnd] != ' ') return null;
        var first = span[previousStart..previousEnd];
        var second = span[start..end];
        if (Math.Min(first.Length, second.Length) > 2 || first.Length + second.Length < 4) return null;
        foreach (var c in first) if (!char.IsAsciiLetter(c)) return null;
        foreach (var c in second) if (!char.IsAsciiLetter(c)) return null;
        var a = first.ToString().ToLowerInvariant();
        var b = second.ToString().ToLowerInvariant();
        return NeverWrapped.Contains(a) || NeverWrapped.Contains(b) ? null : a + b;
    }

    private static bool IsWordChar(char c) => WordCharacters.IsWordChar(c);

    /// <summary>XXXX1234, 4591XXXXXXXX1234, 416021******1234 (the star splits it; the digits go as reference).</summary>
    private static bool IsCardMask(ReadOnlySpan<char> word)
    {
        var xs = 0;
        var digits = 0;
        foreach (var c in word)
        {
            if (c is 'x' or 'X') xs++;
            else if (char.IsAsciiDigit(c)) digits++;
            else return false;
        }
        return xs >= 2 && digits >= 2;
    }

    [GeneratedRegex(@"^\s*UPI ?(?:OUT|IN)/.*/(\d{4})\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex MccPattern();
    [GeneratedRegex(@"[A-Za-z0-9*][A-Za-z0-9._*]{1,63}@(?:[A-Za-z][A-Za-z0-9]{1,31})?")]
    private static partial Regex VpaPattern();
    [GeneratedRegex(@"(^|[^A-Z])UPI([^A-Z]|$)")]
    private static partial Regex UpiPattern();
    [GeneratedRegex(@"(^|[^A-Z])NEFT([^A-Z]|$)")]
    private static partial Regex NeftPattern();
    [GeneratedRegex(@"(^|[^A-Z])RTGS([^A-Z]|$)")]
    private static partial Regex RtgsPattern();
    [GeneratedRegex(@"(^|[^A-Z])(IMPS|MMT)([^A-Z]|$)")]
    private static partial Regex ImpsPattern();
    [GeneratedRegex(@"(^|[^A-Z])(ACH|NACH|ECS|ACHDR|ACHCR)([^A-Z]|$)|ACHD[R-]|ACHC[R-]")]
    private static partial Regex AchPattern();
    [GeneratedRegex(@"(^|[^A-Z])(BBPS|BILLPAY|BIL/|BPAY)|BILL ?PAY")]
    private static partial Regex BbpsPattern();
    [GeneratedRegex(@"INT\.? ?PD|INT\.COLL|INT\.CR|(^|[^A-Z])INTEREST([^A-Z]|$)|INT ON|INT CAP")]
    private static partial Regex InterestPattern();
    [GeneratedRegex(@"(^|[^A-Z])(CHARGES?|CHRGS?|CHGS?|GST|AMC|PENALTY|SMS ALERT|ANNUAL FEE|MIN BAL|NON MAINT)([^A-Z]|$)")]
    private static partial Regex FeePattern();
    [GeneratedRegex(@"(^|[^A-Z])(POS|PCD)([^A-Z]|$)")]
    private static partial Regex PosPattern();
    [GeneratedRegex(@"(^|[^A-Z])(ATM|ATW|NWD|EAW|ATL|CASH WDL|CASH WITHDRAWAL)([^A-Z]|$)")]
    private static partial Regex AtmPattern();
    [GeneratedRegex(@"(^|[^A-Z])(ECOM|E-COM|ONLINE PURCHASE|ECOMM)([^A-Z]|$)")]
    private static partial Regex EcomPattern();
    [GeneratedRegex(@"(^|[^A-Z])(CHQ|CHEQUE|CLG|CTS)([^A-Z]|$)")]
    private static partial Regex ChequePattern();
    [GeneratedRegex(@"CASH DEP|BY CASH|CASH DEPOSIT|(^|[^A-Z])CDM([^A-Z]|$)")]
    private static partial Regex CashPattern();
    [GeneratedRegex(@"^SI[-/ ]|(^|[^A-Z])SI([^A-Z]|$)|STANDING INSTRUCTION")]
    private static partial Regex SiPattern();
}
