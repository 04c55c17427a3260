using System.Text.RegularExpressions;

namespace Scale.Domain.Ingestion.Parsing;

/// <summary>
/// Names the bank of a statement whose headers no longer do (a user re-saved the export in Excel and renamed
/// columns), from what the file still carries: the bank's name or IFSC prefix above the header, the account
/// number's shape, and above all the narration style each core banking system writes ("UPI-NAME-VPA-..." and
/// "NEFT CR-" at HDFC, "UPI/P2M/" and "ECOM PUR/" at Axis, "TO TRANSFER-" at SBI, "MMT/IMPS/" and "BIL/ONL/" at
/// ICICI). Narrations name other banks too (a counterparty's IFSC), so rows only vote by style, never by name.
/// A bank is named only with clear evidence; otherwise the statement stays GENERIC.
/// </summary>
internal static partial class BankIdentification
{
    private const int MinScore = 3;

    private static readonly (string Bank, Regex Style)[] NarrationStyles =
    [
        ("HDFC", HdfcStyle()), ("AXIS", AxisStyle()), ("SBI", SbiStyle()), ("ICICI", IciciStyle()), ("KOTAK", KotakStyle()),
    ];

    private static readonly (string Bank, string[] Names)[] PreambleNames =
    [
        ("HDFC", ["hdfcbank", "hdfc0"]), ("ICICI", ["icicibank", "icic0"]), ("SBI", ["statebankofindia", "sbin0"]),
        ("AXIS", ["axisbank", "utib0"]), ("KOTAK", ["kotakmahindra", "kkbk0"]),
    ];

    public static string? Identify(IEnumerable<TableRecord> preamble, IEnumerable<TableRecord> rows, ResolvedLayout layout)
    {
        var scores = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var record in preamble)
        {
            foreach (var cell in record.Cells)
            {
                var text = BankLayout.NormalizeHeader(cell);
                foreach (var (bank, names) in PreambleNames)
                {
                    if (names.Any(n => text.Contains(n, StringComparison.Ordinal))) Vote(scores, bank, 10);
                }
                if (AccountNumberBank(cell) is { } byAccount) Vote(scores, byAccount, 2);
            }
        }
        if (layout[ColumnRole.Description] is { } d)
        {
            foreach (var record in rows)
            {
                if (d >= record.Cells.Length) continue;
                var narration = record.Cells[d].Trim();
                foreach (var (bank, style) in NarrationStyles)
                {
                    if (style.IsMatch(narration)) { Vote(scores, bank, 1); break; }
                }
            }
        }
        var ranked = scores.OrderByDescending(kv => kv.Value).ToList();
        if (ranked.Count == 0 || ranked[0].Value < MinScore) return null;
        if (ranked.Count > 1 && ranked[0].Value < 2 * ranked[1].Value) return null;
        return ranked[0].Key;
    }

    /// <summary>
    /// The bank one text names outright ("HDFC Bank Ltd", an IFSC "SBIN0001234"), or null: for formats that carry
    /// the institution in a field of its own (OFX's FI ORG and BANKID) rather than somewhere above a header.
    /// </summary>
    public static string? FromInstitutionName(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var normalized = BankLayout.NormalizeHeader(text);
        foreach (var (bank, names) in PreambleNames)
        {
            if (names.Any(n => normalized.Contains(n, StringComparison.Ordinal))) return bank;
        }
        return null;
    }

    private static void Vote(Dictionary<string, int> scores, string bank, int weight) =>
        scores[bank] = scores.GetValueOrDefault(bank) + weight;

    /// <summary>"Account No : 50100123456789": HDFC savings accounts are 14 digits from 50100; Axis 15 from 9.</summary>
    private static string? AccountNumberBank(string cell)
    {
        var match = AccountNumber().Match(cell);
        if (!match.Success) return null;
        var number = match.Groups["n"].Value;
        return number.Length switch
        {
            14 when number.StartsWith("50100", StringComparison.Ordinal) => "HDFC",
            15 when number[0] == '9' => "AXIS",
            _ => null,
        };
    }

    [GeneratedRegex(@"(?i)\bA/?c(?:count)?\.?\s*(?:No|Number)\.?\s*[:\-]?\s*(?<n>\d{9,18})\b")]
    private static partial Regex AccountNumber();

    [GeneratedRegex(@"^(UPI-[^/]+-[^/]+-|NEFT CR-|NEFT DR-|IMPS-\d{6,}-|ATW-|NWD-|EAW-|POS \d{6}X+|ACH D- |ACH C- |CC \d{6}X+)")]
    private static partial Regex HdfcStyle();

    [GeneratedRegex(@"^(UPI/P2[AM]/|ECOM PUR/|IMPS/P2A/|NEFT/[A-Z0-9]+/|POS/|ATM-CASH/|BRN-CLG-CHQ)")]
    private static partial Regex AxisStyle();

    [GeneratedRegex(@"^(TO TRANSFER-|BY TRANSFER-|ATM WDL-|DEBIT-ACHDr|BY CLEARING|TO CLEARING|CASH WITHDRAWAL-)")]
    private static partial Regex SbiStyle();

    [GeneratedRegex(@"^(MMT/IMPS/|BIL/ONL/|BIL/INFT/|UPI/\d{12}/|NFS/CASH WDL/|ATM/CASH WDL/|INF/INFT/)")]
    private static partial Regex IciciStyle();

    [GeneratedRegex(@"^(UPI/[A-Z ]+/\d{12}/|Chrg: |Int\.Pd:|IMPS-\d{12}-[A-Z]|NEFT [A-Z]{4}\d{11,})")]
    private static partial Regex KotakStyle();
}
