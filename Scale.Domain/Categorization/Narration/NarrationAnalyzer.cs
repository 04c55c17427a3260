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
    private const int MaxScanLength = 256;
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
        var text = description.Length > MaxScanLength ? description[..MaxScanLength] : description;
        string? vpa = null, vpaDomain = null;
        var vpaMatch = VpaPattern().Match(text);
        if (vpaMatch.Success)
        {
            vpa = vpaMatch.Value.ToLowerInvariant();
            vpaDomain = vpa[(vpa.IndexOf('@', StringComparison.Ordinal) + 1)..];
            // The VPA is reported separately; removing it keeps handles out of tokens and merchant segments.
            text = string.Concat(text.AsSpan(0, vpaMatch.Index), " ", text.AsSpan(vpaMatch.Index + vpaMatch.Length));
        }

        var upper = text.ToUpperInvariant();
        var channel = DetectChannel(upper);
        var merchant = CounterpartyParser.Extract(upper, channel);
        if (merchant is null && vpa is not null && channel is NarrationChannel.Upi) merchant = MerchantFromVpa(vpa);

        var tokens = Tokenize(text, out var hasCard, out var hasReference);
        return new NarrationInfo(channel, merchant, vpa, vpaDomain, tokens, hasCard, hasReference);
    }

    /// <summary>Order matters: a rail keyword beats a fee word ("UPI/…/SCHOOL FEES" is UPI, not a bank fee).</summary>
    internal static NarrationChannel DetectChannel(string upper)
    {
        if (UpiPattern().IsMatch(upper)) return NarrationChannel.Upi;
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
        while (i < span.Length && tokens.Count < MaxTokens)
        {
            while (i < span.Length && !IsWordChar(span[i])) i++;
            var start = i;
            while (i < span.Length && IsWordChar(span[i])) i++;
            if (i == start) break;
            var word = span[start..i];
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

    private static bool IsWordChar(char c)
    {
        if (char.IsLetterOrDigit(c)) return true;
        // Devanagari and other Indic scripts carry vowel signs as combining marks; keep words whole.
        var cat = CharUnicodeInfo.GetUnicodeCategory(c);
        return cat is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
    }

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

    [GeneratedRegex(@"[A-Za-z0-9][A-Za-z0-9._]{1,63}@[A-Za-z][A-Za-z0-9]{1,31}")]
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
