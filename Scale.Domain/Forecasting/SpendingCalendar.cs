namespace Scale.Domain.Forecasting;

/// <summary>
/// The dates Indian spending bunches around: salary days (the first and last working days of a month, when salaries
/// land and rent, EMIs and SIPs go out), month ends, and the festival season (Navratri–Diwali, October–November,
/// when gifts, clothes and electronics are bought).
/// </summary>
internal static class SpendingCalendar
{
    public static bool IsWorkingDay(DateOnly date) => date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    /// <summary>When rent, EMIs and SIPs leave the account.</summary>
    public static bool IsFirstWorkingDay(DateOnly date)
    {
        var first = new DateOnly(date.Year, date.Month, 1);
        while (!IsWorkingDay(first))
            first = first.AddDays(1);
        return date == first;
    }

    /// <summary>When most salaries land.</summary>
    public static bool IsLastWorkingDay(DateOnly date)
    {
        var last = new DateOnly(date.Year, date.Month, DateTime.DaysInMonth(date.Year, date.Month));
        while (!IsWorkingDay(last))
            last = last.AddDays(-1);
        return date == last;
    }

    public static bool IsMonthEnd(DateOnly date) => date.Day > DateTime.DaysInMonth(date.Year, date.Month) - 3;

    public static bool IsFestivalSeason(DateOnly date) => date.Month is 10 or 11;
}
