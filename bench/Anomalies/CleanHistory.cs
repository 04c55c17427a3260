using Scale.Domain.Anomalies;

namespace Scale.Bench.Anomalies;

/// <summary>
/// A plausible 24+ month debit history with nothing wrong in it: monthly subscriptions, rent and EMI (same amount
/// every month), a daily tea habit (sometimes twice a day, each with its own UPI reference), weekly groceries,
/// food delivery a few times a week, fuel, lumpy shopping, occasional first visits to new places at ordinary
/// amounts, and identical rows the importer keeps on purpose (two equal coffees on one day, same narration).
/// </summary>
internal sealed class CleanHistory(Random random, DateOnly start, int months)
{
    private readonly List<SpendingRow> _rows = [];
    private long _nextId = 1;

    public DateOnly End { get; } = start.AddMonths(months).AddDays(-1);
    public IReadOnlyList<SpendingRow> Rows => _rows;

    public long NextId() => _nextId++;

    public SpendingRow Add(DateOnly date, decimal amount, string merchant, string category, string? narration = null)
    {
        var row = new SpendingRow(NextId(), date, decimal.Round(amount, 2), "INR",
            narration ?? $"UPI/{random.NextInt64(100_000_000_000, 999_999_999_999)}/{merchant.ToUpperInvariant()}/PAY", merchant, category);
        _rows.Add(row);
        return row;
    }

    public decimal LogNormal(double median, double sigma) =>
        (decimal)Math.Max(10, median * Math.Exp(sigma * Gaussian()));

    private double Gaussian() =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    public CleanHistory Generate()
    {
        var rent = 15_000m + 500m * random.Next(0, 20);
        var subscriptionPrice = new[] { 149m, 199m, 499m, 649m }[random.Next(4)];
        var groceriesMedian = 1_200 + random.Next(0, 1_500);
        var foodMedian = 300 + random.Next(0, 300);
        var teaPrice = new[] { 15m, 20m, 25m }[random.Next(3)];
        var newPlace = 0;

        for (var day = start; day <= End; day = day.AddDays(1))
        {
            if (day.Day == 5) Add(day, rent, "Landlord Sharma", "Rent");
            if (day.Day == 10) Add(day, subscriptionPrice, "Netflix", "Entertainment");
            if (day.Day == 12) Add(day, 8_450m, "HDFC Home Loan EMI", "EMI & Loans");
            if (day.Day == 1) Add(day, 999m, "Airtel", "Bills & Utilities");
            if (random.NextDouble() < 0.7)
            {
                Add(day, teaPrice, "Chai Point", "Food & Dining");
                if (random.NextDouble() < 0.15) Add(day, teaPrice, "Chai Point", "Food & Dining");
            }
            if (day.DayOfWeek == DayOfWeek.Saturday && random.NextDouble() < 0.9) Add(day, LogNormal(groceriesMedian, 0.35), "BigBasket", "Groceries");
            if (random.NextDouble() < 0.3) Add(day, LogNormal(foodMedian, 0.4), random.NextDouble() < 0.6 ? "Swiggy" : "Zomato", "Food & Dining");
            if (random.NextDouble() < 0.1) Add(day, LogNormal(2_000, 0.25), "Indian Oil", "Fuel");
            if (random.NextDouble() < 0.1) Add(day, LogNormal(900, 0.8), "Amazon", "Shopping");
            if (random.NextDouble() < 0.12) Add(day, LogNormal(180, 0.5), "Uber", "Transport");
            if (random.NextDouble() < 0.05) Add(day, LogNormal(600, 0.5), $"Cafe {++newPlace}", "Food & Dining");
            if (random.NextDouble() < 0.02)
            {
                // Two equal coffees on one line each: identical rows, kept on purpose by the importer.
                var coffee = 240m;
                var narration = $"POS {day:ddMMyy} BLUE TOKAI COFFEE";
                Add(day, coffee, "Blue Tokai", "Food & Dining", narration);
                Add(day, coffee, "Blue Tokai", "Food & Dining", narration);
            }
        }
        return this;
    }
}
