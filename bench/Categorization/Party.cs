namespace Scale.Bench.Categorization;

/// <summary>The other side of a transaction as a narration prints it: a name and, for UPI, a VPA.</summary>
internal sealed record Party(string Name, string Vpa, bool IsPerson, string? Mcc = null)
{
    private static readonly string[] MerchantHandles = ["ybl", "paytm", "axisbank", "icici", "hdfcbank", "yespay", "ibl", "kotak"];
    private static readonly string[] PersonHandles = ["okaxis", "oksbi", "okhdfcbank", "okicici", "ybl", "ibl", "paytm", "axl"];

    public static Party Merchant(Random r, string name)
    {
        var compact = new string(name.ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray());
        var local = r.Next(5) switch
        {
            0 => compact,
            1 => compact + ".in",
            2 => compact + "online",
            3 => r.Next(2) == 0 ? "paytmqr" + Noise.Digits(r, 10) : "q" + Noise.Digits(r, 9),
            _ => compact[..Math.Min(compact.Length, 10)] + Noise.Digits(r, 3),
        };
        return new Party(name, local + "@" + Noise.Pick(r, MerchantHandles), false);
    }

    public static Party Person(Random r, string name)
    {
        var parts = name.ToLowerInvariant().Split(' ');
        var local = r.Next(3) switch
        {
            0 => Noise.Pick(r, ["9", "8", "7", "6"]) + Noise.Digits(r, 9),
            1 => parts[0] + "." + parts[^1],
            _ => parts[0] + parts[^1][..1] + Noise.Digits(r, 2),
        };
        return new Party(name, local + "@" + Noise.Pick(r, PersonHandles), true);
    }
}
