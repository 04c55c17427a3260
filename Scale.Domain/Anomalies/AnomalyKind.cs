namespace Scale.Domain.Anomalies;

/// <summary>What kind of charge looks wrong. Wire names are API.md's.</summary>
public enum AnomalyKind
{
    AmountSpike,
    DuplicateCharge,
    NewMerchant,
    UnusualFrequency,
}

public static class AnomalyKinds
{
    public const string AmountSpike = "amount_spike";
    public const string DuplicateCharge = "duplicate_charge";
    public const string NewMerchant = "new_merchant";
    public const string UnusualFrequency = "unusual_frequency";

    public static IReadOnlyList<AnomalyKind> All { get; } = Enum.GetValues<AnomalyKind>();

    public static string ToWire(this AnomalyKind kind) => kind switch
    {
        AnomalyKind.AmountSpike => AmountSpike,
        AnomalyKind.DuplicateCharge => DuplicateCharge,
        AnomalyKind.NewMerchant => NewMerchant,
        AnomalyKind.UnusualFrequency => UnusualFrequency,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
