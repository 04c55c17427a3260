using Scale.Domain.Anomalies;

namespace Scale.Functions.Tests.Domain.Anomalies;

/// <summary>A debit history written row by row for detector tests (ids in insertion order).</summary>
internal sealed class History
{
    public static readonly DateOnly Start = new(2024, 1, 1);
    private readonly List<SpendingRow> _rows = [];
    private int _reference = 100_000;

    public IReadOnlyList<SpendingRow> Rows => _rows;

    /// <param name="narration">Default: a UPI narration with a fresh reference, as banks print every payment.</param>
    public SpendingRow Add(int day, decimal amount, string? merchant, string? category = "Shopping", string? narration = null)
    {
        var row = new SpendingRow(_rows.Count + 1, Start.AddDays(day), amount, "INR",
            narration ?? $"UPI/{++_reference}/{merchant?.ToUpperInvariant() ?? "PAYMENT"}", merchant, category);
        _rows.Add(row);
        return row;
    }

    /// <summary>Ordinary background spending: <paramref name="count"/> payments, one every <paramref name="everyDays"/>
    /// days, at distinct small merchants, amounts 100–900.</summary>
    public History Background(int count, int everyDays = 3)
    {
        for (var i = 0; i < count; i++) Add(i * everyDays, 100 + (i * 137 % 800), $"Shop {i}", "Shopping");
        return this;
    }

    public IReadOnlyList<Anomaly> Detect() => AnomalyDetector.Detect(_rows);

    public IReadOnlyList<Anomaly> Detect(AnomalyKind kind) => Detect().Where(a => a.Kind == kind).ToList();
}
