using System.Globalization;

namespace Scale.Domain.Categorization;

/// <summary>Human-readable names for features, used only for the few that make it into an explanation.</summary>
internal static class FeatureDescriber
{
    public static string Describe(in Feature f) => f.Kind switch
    {
        FeatureKind.Token => $"token \"{f.Text!.AsSpan(f.Start, f.Length)}\"",
        FeatureKind.Merchant => $"merchant \"{f.Text!.AsSpan(f.Start, f.Length)}\"",
        FeatureKind.CharGram => $"chars \"{f.Text!.AsSpan(f.Start, f.Length).Trim()}\"",
        FeatureKind.VpaDomain => $"UPI handle @{f.Text}",
        FeatureKind.Channel => $"channel {((NarrationChannel)f.Code).Label()}",
        FeatureKind.Direction => DirectionName(f.Code),
        FeatureKind.ChannelDirection =>
            $"{((NarrationChannel)(f.Code / 3)).Label()} {DirectionName(f.Code % 3)}",
        FeatureKind.AmountBand => AmountBandName(f.Code),
        FeatureKind.Marker => f.Code == 1 ? "card number" : "reference number",
        FeatureKind.Counterparty => $"counterparty {KindName(f.Code)}",
        FeatureKind.CounterpartyDirection => $"{DirectionName(f.Code % 3)} with {KindName(f.Code / 3)}",
        FeatureKind.Mcc => $"merchant category code {f.Code:0000}",
        FeatureKind.MccGroup => $"merchant category group {f.Code:00}xx",
        _ => "prior",
    };

    private static string KindName(int code) => (CounterpartyKind)code switch
    {
        CounterpartyKind.Person => "a person",
        CounterpartyKind.Merchant => "a merchant",
        CounterpartyKind.OwnAccount => "your own account",
        CounterpartyKind.BankOrGovernment => "a bank or government body",
        _ => "unknown",
    };

    private static string DirectionName(int code) => code switch { 1 => "debit", 2 => "credit", _ => "direction unknown" };

    private static string AmountBandName(int band)
    {
        if (band == 0) return "amount < ₹1";
        var low = Math.Pow(10, (band - 1) / 2.0);
        var high = Math.Pow(10, band / 2.0);
        return band >= NarrationFeatures.AmountBands
            ? string.Create(CultureInfo.InvariantCulture, $"amount ≥ ₹{low:N0}")
            : string.Create(CultureInfo.InvariantCulture, $"amount ₹{low:N0}–{high:N0}");
    }
}
