using MathNet.Numerics.Statistics;

namespace Scale.Domain.Anomalies;

/// <summary>
/// Median, MAD and quantiles (MathNet.Numerics): statistics one outlier cannot drag, unlike mean and standard
/// deviation (a single ₹50,000 order moves a merchant's mean and inflates its stdev so much that it hides itself).
/// </summary>
internal static class RobustStatistics
{
    /// <summary>Scales the MAD to a standard deviation for normally distributed data (Iglewicz and Hoaglin).</summary>
    public const double MadToSigma = 1.4826;

    public static double Median(double[] sorted) => SortedArrayStatistics.Median(sorted);

    /// <summary>Median absolute deviation from <paramref name="median"/>.</summary>
    public static double Mad(double[] values, double median)
    {
        var deviations = values.Select(v => Math.Abs(v - median)).ToArray();
        Array.Sort(deviations);
        return SortedArrayStatistics.Median(deviations);
    }

    /// <summary>The tau-quantile (R type 7, what spreadsheets compute) of ascending values.</summary>
    public static double Quantile(double[] sorted, double tau) =>
        SortedArrayStatistics.QuantileCustom(sorted, tau, QuantileDefinition.R7);

    /// <summary>The one score shape every detector uses: 0.5 when the statistic is exactly at its threshold, rising
    /// towards 1 as it grows (2× the threshold = 0.75), so scores of different kinds read alike.</summary>
    public static double Score(double statistic, double threshold) =>
        statistic <= 0 ? 0 : Math.Round(Math.Clamp(1 - 0.5 * threshold / statistic, 0, 1), 3);
}
