using Scale.Domain.Anomalies;

namespace Scale.Bench.Anomalies;

/// <summary>A known anomaly put into a clean history: its kind and the rows an alert of that kind may name.</summary>
internal sealed record Incident(AnomalyKind Kind, IReadOnlySet<long> TransactionIds);

/// <summary>Injects each kind into a clean history (new rows only, so clean rows keep their ids).</summary>
internal static class Injection
{
    private static readonly string[] Everyday = ["Swiggy", "Zomato", "BigBasket", "Indian Oil", "Uber", "Amazon"];
    private static readonly string[] Charged = ["Swiggy", "Zomato", "Amazon", "Indian Oil", "Uber", "Netflix", "BigBasket"];
    private static readonly string[] Bursty = ["Uber", "Swiggy", "Zomato", "Amazon", "Indian Oil"];
    private static readonly string[] Strangers = ["Tanishq Jewellers", "Croma Electronics", "QuickLoan App", "Unknown Merchant Pvt Ltd", "Goa Resorts", "Lucky Draw Services"];

    public static List<Incident> Inject(CleanHistory history, Random random, int perKind)
    {
        var clean = history.Rows.ToList();
        var span = history.End.DayNumber - clean.Min(r => r.Date).DayNumber;
        DateOnly Day() => DateOnly.FromDayNumber(clean.Min(r => r.Date).DayNumber + 90 + random.Next(span - 90));
        var incidents = new List<Incident>();

        for (var i = 0; i < perKind; i++)
        {
            // Amount spike: 2–5× the most the user ever paid that merchant (a multiple of the median would be
            // ordinary at a shop whose orders vary widely, and a spike only in the bench's eyes).
            var merchant = Everyday[random.Next(Everyday.Length)];
            var most = clean.Where(r => r.Merchant == merchant).Max(r => r.Amount);
            var category = clean.First(r => r.Merchant == merchant).Category!;
            incidents.Add(One(AnomalyKind.AmountSpike, history.Add(Day(), most * (decimal)(2 + 3 * random.NextDouble()), merchant, category)));

            // Duplicate charge: an existing charge taken again 0–2 days later, with its own reference.
            var candidates = clean.Where(r => Charged.Contains(r.Merchant)).ToList();
            var original = candidates[random.Next(candidates.Count)];
            incidents.Add(One(AnomalyKind.DuplicateCharge,
                history.Add(original.Date.AddDays(random.Next(3)), original.Amount, original.Merchant!, original.Category!)));

            // First payment to a merchant never seen, for ₹5,000–60,000.
            var stranger = Strangers[i % Strangers.Length] + (i >= Strangers.Length ? $" {i}" : "");
            incidents.Add(One(AnomalyKind.NewMerchant, history.Add(Day(), 5_000m + random.Next(55_000), stranger, "Shopping")));

            // A burst: 6–9 extra ordinary payments to one merchant within 7 days.
            var busy = Bursty[random.Next(Bursty.Length)];
            var busyAmounts = clean.Where(r => r.Merchant == busy).Select(r => (double)r.Amount).Order().ToList();
            var from = Day();
            var burst = new HashSet<long>();
            for (var k = 6 + random.Next(4); k > 0; k--)
            {
                var amount = (decimal)busyAmounts[random.Next(busyAmounts.Count)] + random.Next(1, 50);
                burst.Add(history.Add(from.AddDays(random.Next(7)), amount, busy, clean.First(r => r.Merchant == busy).Category!).Id);
            }
            // The detector names the payment that made the week unusual; any row of that week is the burst's.
            foreach (var row in history.Rows.Where(r => r.Merchant == busy && r.Date >= from && r.Date < from.AddDays(7))) burst.Add(row.Id);
            incidents.Add(new Incident(AnomalyKind.UnusualFrequency, burst));
        }
        return incidents;
    }

    private static Incident One(AnomalyKind kind, SpendingRow row) => new(kind, new HashSet<long> { row.Id });
}
