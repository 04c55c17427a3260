namespace Scale.Bench.Categorization;

/// <summary>
/// Layouts seen in public sample statements and parser test suites, beyond the five banks' classic forms:
/// Federal Bank's "UPIOUT/&lt;rrn&gt;/&lt;vpa&gt;/&lt;remark cut to 8&gt;/&lt;MCC&gt;", SBI's UPI with the payee cut to 8
/// characters and the handle to ~10 ("TO TRANSFER-UPI/DR/&lt;rrn&gt;/ZOMATO L/YESB/zomato-ord/UPI--", "WDL TFR UPI/DR/…"),
/// the "UPI/DR/&lt;rrn&gt;/&lt;name&gt;/&lt;bank&gt;/&lt;vpa&gt;/&lt;remark&gt;" layout of PNB and other public-sector and new banks,
/// SBI's NACH "DEBIT-ACHDr &lt;UMRN&gt; &lt;payee cut to 14&gt;--", and ICICI's short NEFT "NFT/&lt;payee&gt;/…".
/// </summary>
internal static class RealFormats
{
    public static string Upi(Random r, Party p, string remark, bool credit)
    {
        var rrn = Noise.Rrn(r);
        var bank = Noise.Bank4Code(r);
        return r.Next(5) switch
        {
            0 => credit
                ? $"UPI IN/{rrn}/{Cut(p.Vpa, 20)}/{Cut(remark, 8)}"
                : $"UPIOUT/{rrn}/{Cut(p.Vpa, 20)}/{Cut(remark, 8)}/{p.Mcc ?? "0000"}",
            1 => $"{(credit ? "BY" : "TO")} TRANSFER-UPI/{(credit ? "CR" : "DR")}/{rrn}/{Cut8(p.Name)}/{bank}/{Cut(p.Vpa, 10)}/{Cut(remark, 8)}--",
            2 => $"{(credit ? "DEP TFR" : "WDL TFR")} UPI/{(credit ? "CR" : "DR")}/{rrn}/{Cut8(p.Name)}/{bank}/{Cut(p.Vpa, 10)}/UPI",
            3 => $"UPI/{(credit ? "CR" : "DR")}/{rrn}/{Cut(p.Name, 20)}/{bank}/{p.Vpa}/{remark}",
            _ => $"UPI/{rrn}/{(credit ? "CR" : "DR")}/{Cut(p.Name, 20)}/{bank}/{p.Vpa}",
        };
    }

    public static string Ach(Random r, Party p, bool credit) =>
        $"{(credit ? "CREDIT-ACHCr" : "DEBIT-ACHDr")} {Noise.Bank4Code(r)}{Noise.Digits(r, 14)} {Cut(p.Name, 14)}--";

    public static string Neft(Random r, Party p, string remark, bool credit) => r.Next(2) == 0
        ? $"NFT/{Cut(p.Name, 16)}/{Noise.Utr(r)}/{remark}"
        : $"{(credit ? "BY" : "TO")} TRANSFER-NEFT*{Noise.Ifsc(r)}*{Noise.Utr(r)}*{Cut(p.Name, 20)}--";

    /// <summary>SBI pads or cuts the payee to 8 characters: "RITIK  S", "ZOMATO L", "ETERNAL ".</summary>
    private static string Cut8(string name) => name.Length >= 8 ? name[..8] : name.PadRight(8);

    private static string Cut(string s, int width) => s.Length > width ? s[..width] : s;
}
