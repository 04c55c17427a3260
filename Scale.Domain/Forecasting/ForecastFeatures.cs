using System.Globalization;

namespace Scale.Domain.Forecasting;

/// <summary>
/// The features the global boosted model sees for one period of one series, computed only from the values before it
/// (so the same code serves training rows and recursive forecasts). Amounts are divided by the series' recent mean
/// level, so one model learns shapes shared by a user's large and small categories; the level itself is a feature.
/// </summary>
internal static class ForecastFeatures
{
    public const int Count = 16;

    private static readonly int[] DayLags = [1, 2, 3, 7, 14, 28];
    private static readonly int[] WeekLags = [1, 2, 3, 4, 26, 52];
    private static readonly int[] MonthLags = [1, 2, 3, 6, 11, 12];

    /// <summary>The window the level (scale) and the long rolling mean are taken over.</summary>
    public static int LevelWindow(ForecastGranularity granularity) => granularity switch
    {
        ForecastGranularity.Day => 56,
        ForecastGranularity.Week => 13,
        _ => 12,
    };

    private static int ShortWindow(ForecastGranularity granularity) => granularity switch
    {
        ForecastGranularity.Day => 7,
        ForecastGranularity.Week => 4,
        _ => 3,
    };

    /// <summary>The series' recent mean level before <paramref name="t"/>, or 0 when it spent nothing lately.</summary>
    public static double Level(ReadOnlySpan<double> values, int t, ForecastGranularity granularity) =>
        Mean(values, t, LevelWindow(granularity));

    /// <summary>Fills <paramref name="features"/> for period <paramref name="t"/> of <paramref name="values"/>
    /// (only indices before t are read) starting on <paramref name="period"/>; <paramref name="level"/> &gt; 0.</summary>
    public static void Fill(Span<float> features, ReadOnlySpan<double> values, int t, DateOnly period, ForecastGranularity granularity, double level, bool isTotal)
    {
        var lags = granularity switch
        {
            ForecastGranularity.Day => DayLags,
            ForecastGranularity.Week => WeekLags,
            _ => MonthLags,
        };
        var shortMean = Mean(values, t, ShortWindow(granularity));
        var longMean = Mean(values, t, LevelWindow(granularity));
        for (var i = 0; i < lags.Length; i++)
            features[i] = (float)((t >= lags[i] ? values[t - lags[i]] : longMean) / level);
        features[6] = (float)(shortMean / level);
        features[7] = (float)(longMean / level);
        features[8] = (float)Math.Log(1 + level);
        features[9] = isTotal ? 1 : 0;
        features[10] = (float)ZeroShare(values, t, LevelWindow(granularity));
        Calendar(features[11..], period, granularity);
    }

    private static void Calendar(Span<float> features, DateOnly period, ForecastGranularity granularity)
    {
        switch (granularity)
        {
            case ForecastGranularity.Day:
                features[0] = (int)period.DayOfWeek;
                features[1] = period.Day;
                features[2] = SpendingCalendar.IsMonthEnd(period) ? 1 : 0;
                features[3] = SpendingCalendar.IsFirstWorkingDay(period) ? 1 : SpendingCalendar.IsLastWorkingDay(period) ? 2 : 0;
                features[4] = SpendingCalendar.IsFestivalSeason(period) ? 1 : 0;
                break;
            case ForecastGranularity.Week:
                var days = Enumerable.Range(0, 7).Select(period.AddDays).ToArray();
                features[0] = ISOWeek.GetWeekOfYear(period.ToDateTime(TimeOnly.MinValue));
                features[1] = days.Any(SpendingCalendar.IsFirstWorkingDay) ? 1 : 0;
                features[2] = days.Any(SpendingCalendar.IsLastWorkingDay) ? 1 : 0;
                features[3] = period.Day;
                features[4] = days.Count(SpendingCalendar.IsFestivalSeason) / 7f;
                break;
            default:
                features[0] = period.Month;
                features[1] = DateTime.DaysInMonth(period.Year, period.Month);
                features[2] = Enumerable.Range(0, (int)features[1]).Count(d => !SpendingCalendar.IsWorkingDay(period.AddDays(d)));
                features[3] = 0;
                features[4] = SpendingCalendar.IsFestivalSeason(period) ? 1 : 0;
                break;
        }
    }

    private static double Mean(ReadOnlySpan<double> values, int t, int window)
    {
        var from = Math.Max(0, t - window);
        if (t <= from)
            return 0;
        var sum = 0.0;
        for (var i = from; i < t; i++)
            sum += values[i];
        return sum / (t - from);
    }

    private static double ZeroShare(ReadOnlySpan<double> values, int t, int window)
    {
        var from = Math.Max(0, t - window);
        if (t <= from)
            return 1;
        var zeros = 0;
        for (var i = from; i < t; i++)
            zeros += values[i] == 0 ? 1 : 0;
        return zeros / (double)(t - from);
    }
}
