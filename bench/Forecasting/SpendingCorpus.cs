using Scale.Domain.Forecasting;

namespace Scale.Bench.Forecasting;

/// <summary>
/// Seeded synthetic spending histories with the structure real Indian statements show: rent and EMIs on salary days,
/// groceries and dining heavier at weekends and in the week after payday, electricity up in summer, shopping up in
/// the October–November festival season, sparse travel and a yearly insurance premium, a per-user trend, noise.
/// </summary>
internal static class SpendingCorpus
{
    public static readonly DateOnly Start = new(2024, 1, 1);
    public static readonly DateOnly End = new(2026, 6, 30);

    public static List<SpendingRow> User(int seed)
    {
        var random = new Random(seed);
        var rows = new List<SpendingRow>();
        var income = 40_000 + random.Next(0, 80_000);
        var growth = 1 + (random.NextDouble() * 0.25 - 0.05); // yearly trend −5 % … +20 %
        var rent = Math.Round(income * (0.2 + random.NextDouble() * 0.1) / 100) * 100;
        var emiDay = 5 + random.Next(0, 6);
        var emi = random.NextDouble() < 0.6 ? Math.Round(income * 0.15 / 100) * 100 : 0;
        var insuranceMonth = 1 + random.Next(0, 12);
        var travels = random.NextDouble() < 0.7;
        void Add(DateOnly date, double amount, string category)
        {
            if (amount >= 1)
                rows.Add(new SpendingRow(date, Math.Round((decimal)amount, 2), category));
        }
        double Noise(double sd) => Math.Exp(sd * Gaussian(random) - sd * sd / 2);

        for (var date = Start; date <= End; date = date.AddDays(1))
        {
            var years = (date.DayNumber - Start.DayNumber) / 365.25;
            var trend = Math.Pow(growth, years);
            var weekend = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            var afterPayday = date.Day <= 7;
            var festival = date.Month is 10 or 11;
            var salaryDay = IsFirstWorkingDay(date);

            if (salaryDay)
            {
                Add(date, rent * (date.Year - Start.Year >= 1 && date.Month >= 4 || date.Year - Start.Year >= 2 ? 1.05 : 1), "Rent");
                Add(date, income * 0.05 * Noise(0.05), "Investments");
            }
            if (emi > 0 && date.Day == emiDay)
                Add(date, emi, "EMI & Loans");
            if (date.Day == 8)
            {
                var summer = date.Month is 4 or 5 or 6 ? 1.8 : date.Month is 12 or 1 ? 0.8 : 1.0;
                Add(date, 1_800 * summer * trend * Noise(0.1), "Bills & Utilities");
                Add(date, 700 * Noise(0.05), "Bills & Utilities");
            }
            var groceryChance = weekend ? 0.7 : 0.2;
            if (random.NextDouble() < groceryChance)
                Add(date, 900 * trend * (afterPayday ? 1.3 : 1) * (festival ? 1.2 : 1) * Noise(0.4), "Groceries");
            var diningChance = (weekend ? 0.6 : 0.25) * (afterPayday ? 1.4 : 1);
            if (random.NextDouble() < diningChance)
                Add(date, 450 * trend * Noise(0.5), "Food & Dining");
            if (random.NextDouble() < (weekend ? 0.35 : 0.12))
                Add(date, 1_000 * trend * Noise(0.3), "Fuel");
            var shoppingChance = (festival ? 0.35 : 0.08) * (afterPayday ? 1.5 : 1);
            if (random.NextDouble() < shoppingChance)
                Add(date, 1_500 * trend * (festival ? 1.6 : 1) * Noise(0.7), "Shopping");
            if (weekend && random.NextDouble() < 0.3)
                Add(date, 600 * Noise(0.4), "Entertainment");
            if (random.NextDouble() < 0.03)
                Add(date, 1_200 * Noise(0.8), "Health");
            if (travels && (date.Month is 5 or 12) && date.Day is 10 or 11 or 12 && random.NextDouble() < 0.8)
                Add(date, 6_000 * Noise(0.4), "Travel");
            if (date.Month == insuranceMonth && date.Day == 15)
                Add(date, 12_000 * Noise(0.02), "Insurance");
        }
        return rows;
    }

    private static bool IsFirstWorkingDay(DateOnly date)
    {
        var first = new DateOnly(date.Year, date.Month, 1);
        while (first.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            first = first.AddDays(1);
        return date == first;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
