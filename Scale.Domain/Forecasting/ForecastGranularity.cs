namespace Scale.Domain.Forecasting;

/// <summary>The period a spending series is summed over (API.md Forecasting: <c>granularity=day|week|month</c>).</summary>
public enum ForecastGranularity
{
    Day,
    Week,
    Month,
}

/// <summary>Period arithmetic per granularity: weeks are ISO weeks (Monday start), months calendar months.</summary>
public static class ForecastPeriods
{
    /// <summary>The season a seasonal model repeats: a week of days, a year of weeks, a year of months.</summary>
    public static int SeasonLength(this ForecastGranularity granularity) => granularity switch
    {
        ForecastGranularity.Day => 7,
        ForecastGranularity.Week => 52,
        _ => 12,
    };

    public static DateOnly PeriodStart(this ForecastGranularity granularity, DateOnly date) => granularity switch
    {
        ForecastGranularity.Day => date,
        ForecastGranularity.Week => date.AddDays(-(((int)date.DayOfWeek + 6) % 7)),
        _ => new DateOnly(date.Year, date.Month, 1),
    };

    public static DateOnly Advance(this ForecastGranularity granularity, DateOnly periodStart, int periods) => granularity switch
    {
        ForecastGranularity.Day => periodStart.AddDays(periods),
        ForecastGranularity.Week => periodStart.AddDays(7 * periods),
        _ => periodStart.AddMonths(periods),
    };

    /// <summary>Whole periods from <paramref name="from"/> to <paramref name="to"/> (both period starts).</summary>
    public static int PeriodsBetween(this ForecastGranularity granularity, DateOnly from, DateOnly to) => granularity switch
    {
        ForecastGranularity.Day => to.DayNumber - from.DayNumber,
        ForecastGranularity.Week => (to.DayNumber - from.DayNumber) / 7,
        _ => (to.Year - from.Year) * 12 + to.Month - from.Month,
    };

    public static bool TryParse(string? text, out ForecastGranularity granularity)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "day": granularity = ForecastGranularity.Day; return true;
            case "week": granularity = ForecastGranularity.Week; return true;
            case "month": granularity = ForecastGranularity.Month; return true;
            default: granularity = default; return false;
        }
    }

    public static string Name(this ForecastGranularity granularity) => granularity.ToString().ToLowerInvariant();
}
