using System.Text.RegularExpressions;

namespace Scale.Domain.Categorization;

/// <summary>What kind of stable reference a bank printed for a transaction.</summary>
public enum BankReferenceKind
{
    /// <summary>UPI and IMPS retrieval reference number: 12 digits, the same at both banks of the payment.</summary>
    Rrn,
    /// <summary>NEFT (16 characters) or RTGS (22 characters) unique transaction reference.</summary>
    Utr,
    /// <summary>Cheque number (6 digits, unique within one cheque book).</summary>
    Cheque,
    /// <summary>Card authorization code (6 digits, printed by some banks after "AUTH").</summary>
    AuthCode,
}

/// <summary>A bank reference read out of a narration; <paramref name="Value"/> is upper case.</summary>
public sealed record BankReference(BankReferenceKind Kind, string Value);

public static partial class NarrationAnalyzer
{
    /// <summary>
    /// The stable reference the bank printed in a narration, or null. The rail comes from the same channel
    /// detection <see cref="Analyze"/> uses, so "a 12-digit number" is an RRN only on a UPI or IMPS narration.
    /// VPAs are removed first: a phone-number handle ("919876543210@ybl") is not a reference. Never throws.
    /// </summary>
    public static BankReference? ReferenceOf(string description)
    {
        ArgumentNullException.ThrowIfNull(description);
        // Every kind of reference has at least 6 digits: a narration with fewer is answered without the prefix, VPA
        // and channel regexes. This method was 15 % of the CPU of parse + identity on the bench statement
        // (dotnet-trace over `bench/Ingestion -- profile`), most of it regexes run on every row.
        if (!HasDigits(description, MinReferenceDigits)) return null;
        var text = ExportPrefix.Strip(description);
        if (text.Length > MaxScanLength) text = text[..MaxScanLength];
        // A VPA needs an '@'; most narrations have none, and Replace on them still scans the whole string.
        if (text.Contains('@', StringComparison.Ordinal)) text = VpaPattern().Replace(text, " ");
        var upper = text.ToUpperInvariant();
        if (upper.Contains("AUTH", StringComparison.Ordinal))
        {
            var auth = AuthCodePattern().Match(upper);
            if (auth.Success) return new BankReference(BankReferenceKind.AuthCode, auth.Groups[1].Value);
        }
        switch (DetectChannel(upper))
        {
            case NarrationChannel.Upi or NarrationChannel.Imps:
                var rrn = RrnPattern().Match(upper);
                return rrn.Success ? new BankReference(BankReferenceKind.Rrn, rrn.Value) : null;
            case NarrationChannel.Neft or NarrationChannel.Rtgs:
                foreach (Match m in UtrPattern().Matches(upper))
                {
                    var digits = 0;
                    foreach (var c in m.ValueSpan) if (char.IsAsciiDigit(c)) digits++;
                    // A UTR is mostly digits; a 16-letter word or a name run together is not one.
                    if (digits >= 10) return new BankReference(BankReferenceKind.Utr, m.Value);
                }
                return null;
            case NarrationChannel.Cheque:
                var cheque = ChequeNumberPattern().Match(upper);
                return cheque.Success ? new BankReference(BankReferenceKind.Cheque, cheque.Groups[1].Value) : null;
            default:
                return null;
        }
    }

    /// <summary>The fewest digits any reference kind has (cheque numbers and authorization codes: 6).</summary>
    private const int MinReferenceDigits = 6;

    private static bool HasDigits(string text, int count)
    {
        var digits = 0;
        foreach (var c in text)
            if (char.IsAsciiDigit(c) && ++digits >= count) return true;
        return false;
    }

    [GeneratedRegex(@"(?<![0-9A-Z])\d{12}(?![0-9A-Z])")]
    private static partial Regex RrnPattern();
    [GeneratedRegex(@"(?<![0-9A-Z])(?:[A-Z0-9]{16}|[A-Z0-9]{22})(?![0-9A-Z])")]
    private static partial Regex UtrPattern();
    [GeneratedRegex(@"(?:^|[^A-Z])(?:CHQ|CHEQUE|CLG|CTS)(?:[^0-9]{0,16}?)(?<![0-9])(\d{6})(?![0-9])")]
    private static partial Regex ChequeNumberPattern();
    [GeneratedRegex(@"(?:^|[^A-Z])AUTH(?:ORI[SZ]ATION)?\s*(?:CODE|NO\.?)?\s*[:#-]?\s*(\d{6})(?![0-9])")]
    private static partial Regex AuthCodePattern();
}
