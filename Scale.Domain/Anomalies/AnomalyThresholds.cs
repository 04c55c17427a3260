namespace Scale.Domain.Anomalies;

/// <summary>
/// Where each detector draws its line. Defaults are the values bench/Anomalies measures; the bench may vary them,
/// the app uses the defaults.
/// </summary>
public sealed record AnomalyThresholds
{
    /// <summary>Payments a merchant needs (this one included) before its own history judges an amount.</summary>
    public int MinMerchantHistory { get; init; } = 6;
    /// <summary>Payments a category needs when the merchant's history is too short.</summary>
    public int MinCategoryHistory { get; init; } = 12;
    /// <summary>Robust z-score ((amount − median) / (1.4826·MAD)) at which an amount is a spike; 3.5 is Iglewicz and
    /// Hoaglin's outlier line.</summary>
    public double SpikeZ { get; init; } = 3.5;
    /// <summary>And the amount must be at least this multiple of the median (a tight MAD alone is not enough).</summary>
    public double SpikeRatio { get; init; } = 2.5;
    /// <summary>The MAD never counts as less than this share of the median (a fixed-price merchant has MAD 0).</summary>
    public double MinSpreadShare { get; init; } = 0.1;

    /// <summary>Two equal charges at one merchant this many days apart or closer may be one charge taken twice.</summary>
    public int DuplicateWindowDays { get; init; } = 3;
    /// <summary>Gaps a merchant+amount series needs before its cadence can excuse a close pair.</summary>
    public int MinCadenceGaps { get; init; } = 3;
    /// <summary>A close pair is habitual (not a duplicate) when at least this share of the series' other gaps are as short.</summary>
    public double HabitualGapShare { get; init; } = 0.1;

    /// <summary>Days of history and debits before a merchant's first payment for "new merchant" to mean anything.</summary>
    public int NewMerchantMinHistoryDays { get; init; } = 60;
    public int NewMerchantMinPriorDebits { get; init; } = 20;
    /// <summary>A first payment is high when above this quantile of the user's debits and ...</summary>
    public double NewMerchantQuantile { get; init; } = 0.95;
    /// <summary>... at least this multiple of their median debit.</summary>
    public double NewMerchantMedianRatio { get; init; } = 4;

    /// <summary>Weeks of a merchant's history before its weekly rhythm is known.</summary>
    public int FrequencyMinWeeks { get; init; } = 8;
    /// <summary>Payments in 7 days that are always unusual-frequency candidates (fewer never are).</summary>
    public int FrequencyMinBurst { get; init; } = 4;
    /// <summary>A 7-day count is unusual when a Poisson week at the merchant's usual rate reaches it less than once
    /// in this many weeks.</summary>
    public double FrequencyRarity { get; init; } = 10_000;

    public static AnomalyThresholds Default { get; } = new();
}
