namespace Scale.Domain.Forecasting;

/// <summary>Spending of one category (or the total) per period, zero-filled from its first observed period to the
/// period holding the caller's "as of" date.</summary>
public sealed record SpendingSeries(string Category, DateOnly FirstPeriod, double[] Values)
{
    public const string TotalCategory = "TOTAL";

    public int Length => Values.Length;

    public bool IsTotal => Category == TotalCategory;

    /// <summary>The series of every category seen and TOTAL (last), at <paramref name="granularity"/>. Rows after
    /// <paramref name="asOf"/> and non-positive amounts are ignored; no rows → no series.</summary>
    public static IReadOnlyList<SpendingSeries> Build(IEnumerable<SpendingRow> rows, DateOnly asOf, ForecastGranularity granularity)
    {
        var end = granularity.PeriodStart(asOf);
        var sums = new SortedDictionary<string, SortedDictionary<DateOnly, double>>(StringComparer.Ordinal);
        var total = new SortedDictionary<DateOnly, double>();
        foreach (var row in rows)
        {
            if (row.Amount <= 0 || row.Date > asOf)
                continue;
            var category = string.IsNullOrWhiteSpace(row.Category) ? "Uncategorized" : row.Category;
            var period = granularity.PeriodStart(row.Date);
            if (!sums.TryGetValue(category, out var byPeriod))
                sums[category] = byPeriod = new SortedDictionary<DateOnly, double>();
            var amount = (double)row.Amount;
            byPeriod[period] = byPeriod.GetValueOrDefault(period) + amount;
            total[period] = total.GetValueOrDefault(period) + amount;
        }
        var series = sums.Select(pair => ZeroFilled(pair.Key, pair.Value, end, granularity)).ToList();
        if (total.Count > 0)
            series.Add(ZeroFilled(TotalCategory, total, end, granularity));
        return series;
    }

    private static SpendingSeries ZeroFilled(string category, SortedDictionary<DateOnly, double> byPeriod, DateOnly end, ForecastGranularity granularity)
    {
        var first = byPeriod.Keys.First();
        var values = new double[granularity.PeriodsBetween(first, end) + 1];
        foreach (var (period, amount) in byPeriod)
            values[granularity.PeriodsBetween(first, period)] = amount;
        return new SpendingSeries(category, first, values);
    }
}
