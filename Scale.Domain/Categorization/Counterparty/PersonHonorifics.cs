namespace Scale.Domain.Categorization;

/// <summary>
/// Words that open a person's name in narrations ("MR RAJESH KUMAR", "SMT LATA"). Not SRI/SHRI: they also open shop
/// names ("SRI SAI FILLING STATION", "SHRI RAM STORES").
/// </summary>
internal static class PersonHonorifics
{
    /// <summary>Upper case, as the counterparty classifier reads names.</summary>
    public static readonly HashSet<string> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        "MR", "MRS", "MS", "MISS", "SMT", "KUMARI", "MASTER",
    };
}
