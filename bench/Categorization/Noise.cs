namespace Scale.Bench.Categorization;

/// <summary>Random building blocks of narrations: reference numbers, IFSC codes, card masks, cities.</summary>
internal static class Noise
{
    private static readonly string[] Bank4 = ["YESB", "HDFC", "ICIC", "SBIN", "UTIB", "KKBK", "PYTM", "IDFB", "BARB"];
    private static readonly string[] BankNames =
        ["YES BANK LIMITED", "HDFC BANK LTD", "ICICI BANK", "STATE BANK OF INDIA", "AXIS BANK", "KOTAK MAHINDRA BANK",
         "PAYTM PAYMENTS BANK", "IDFC FIRST BANK", "BANK OF BARODA"];
    private static readonly string[] Cities =
        ["MUMBAI", "BANGALORE", "BENGALURU", "NEW DELHI", "GURGAON", "PUNE", "CHENNAI", "HYDERABAD", "KOLKATA", "NOIDA",
         "AHMEDABAD", "JAIPUR", "KOCHI", "INDORE", "LUCKNOW"];

    public static string Digits(Random r, int n)
    {
        Span<char> s = stackalloc char[n];
        for (var i = 0; i < n; i++) s[i] = (char)('0' + r.Next(10));
        if (s[0] == '0') s[0] = (char)('1' + r.Next(9));
        return new string(s);
    }

    public static string Rrn(Random r) => Digits(r, 12);
    public static string Bank4Code(Random r) => Pick(r, Bank4);
    public static string BankName(Random r) => Pick(r, BankNames);
    public static string City(Random r) => Pick(r, Cities);
    public static string Ifsc(Random r) => Bank4Code(r) + "0" + Digits(r, 6);
    public static string Utr(Random r) => Bank4Code(r) + (r.Next(2) == 0 ? "N" : "R") + Digits(r, r.Next(12, 15));
    public static string CardMask(Random r) => r.Next(3) switch
    {
        0 => Digits(r, 4) + "XXXXXXXX" + Digits(r, 4),
        1 => "XXXXXXXXXXXX" + Digits(r, 4),
        _ => Digits(r, 6) + "XXXXXX" + Digits(r, 4),
    };
    public static string Last4(Random r) => Digits(r, 4);
    public static string AtmId(Random r) => Pick(r, ["S1AN", "S1CN", "DCHN", "APN", "HDFC"]) + Digits(r, 5);
    public static string Account(Random r) => Digits(r, r.Next(11, 15));
    public static string Date(Random r) =>
        $"{r.Next(1, 29):00}-{r.Next(1, 13):00}-{(r.Next(2) == 0 ? "2024" : "2025")}";
    public static string ShortDate(Random r) => $"{r.Next(1, 29):00}{Pick(r, ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"])}{r.Next(23, 26)}";
    public static string Month(Random r) => Pick(r, ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]);

    public static T Pick<T>(Random r, IReadOnlyList<T> items) => items[r.Next(items.Count)];

    private static readonly string[] ExportBanks =
        ["FEDERAL BANK", "KOTAK", "HDFC BANK", "ICICI BANK", "SBI", "AXIS BANK", "INDUSIND BANK", "PNB"];

    /// <summary>Banking/aggregator app exports put the account first: "FEDERAL BANK - XX 1234 UPIOUT/…".</summary>
    public static string ExportPrefix(Random r, string s) =>
        $"{Pick(r, ExportBanks)} - XX{(r.Next(2) == 0 ? " " : "")}{Digits(r, 4)} {s}";

    /// <summary>
    /// PDF and app exports wrap the narration column at a fixed width and the line break turns into a space that
    /// may fall inside a word or a handle ("Pai d", "@ax isb").
    /// </summary>
    public static string WrapSpaces(Random r, string s)
    {
        var width = r.Next(18, 36);
        var result = new System.Text.StringBuilder(s.Length + s.Length / width + 1);
        for (var i = 0; i < s.Length; i++)
        {
            if (i > 0 && i % width == 0 && s[i] != ' ' && s[i - 1] != ' ') result.Append(' ');
            result.Append(s[i]);
        }
        return result.ToString();
    }

    /// <summary>A statement's narration column cut at a fixed width, as many bank exports do.</summary>
    public static string Truncate(Random r, string s, int min, int max)
    {
        var width = r.Next(min, max + 1);
        return s.Length > width ? s[..width] : s;
    }
}
