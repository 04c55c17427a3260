using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Scale.Bench.Load;

/// <summary>
/// The scripted mix, as the frontend calls the API: list with filters, next page by cursor, classify, batch
/// classify, import, upload status, health. Weights are per 100 requests.
/// </summary>
public sealed class Workload(HttpClient client, IReadOnlyList<BenchUser> users)
{
    public static readonly (string Route, int Weight)[] Mix =
    [
        ("GET /transactions (filters)", 25), ("GET /transactions (cursor)", 15), ("POST /classify", 25),
        ("POST /classify/batch (50)", 5), ("POST /ingestion/import (10)", 5), ("GET /ingestion/uploads/{id}", 15),
        ("GET /health", 10),
    ];

    private static readonly string[] Filters =
    [
        "type=debit&min_amount=100", "category=Food%20%26%20Dining", "q=upi", "from=2026-01-01&to=2026-06-30&type=credit",
        "merchant=Swiggy", "max_amount=500",
    ];

    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _cursors = new();
    private long _importSequence;

    /// <summary>One request of the route chosen by <paramref name="ticket"/> (0-99); true when it succeeded (2xx).</summary>
    public async Task<(string Route, bool Ok)> SendAsync(int ticket, Random random, CancellationToken cancel)
    {
        var route = Pick(ticket);
        var user = users[random.Next(users.Count)];
        using var request = Build(route, user, random);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancel);
        if (route == Mix[0].Route && response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadFromJsonAsync<JsonObject>(cancel);
            if (body?["next_cursor"]?.GetValue<string>() is { } cursor)
                _cursors.GetOrAdd(user.Id, _ => new()).Enqueue(request.RequestUri!.Query.TrimStart('?') + "&cursor=" + Uri.EscapeDataString(cursor));
        }
        return (route, response.IsSuccessStatusCode);
    }

    private static string Pick(int ticket)
    {
        foreach (var (route, weight) in Mix)
        {
            if (ticket < weight) return route;
            ticket -= weight;
        }
        return Mix[^1].Route;
    }

    private HttpRequestMessage Build(string route, BenchUser user, Random random)
    {
        HttpRequestMessage request;
        switch (Array.FindIndex(Mix, m => m.Route == route))
        {
            case 0:
                request = new(HttpMethod.Get, $"/api/v1/transactions?limit=50&{Filters[random.Next(Filters.Length)]}");
                break;
            case 1:
                // The next page of a listing this user fetched; the first page when none is waiting yet.
                var query = _cursors.TryGetValue(user.Id, out var queue) && queue.TryDequeue(out var next) ? next : "limit=50&" + Filters[0];
                request = new(HttpMethod.Get, "/api/v1/transactions?" + query);
                break;
            case 2:
                request = new(HttpMethod.Post, "/api/v1/categorization/classify") { Content = JsonContent.Create(Narrations.Row(random, 0)) };
                break;
            case 3:
                request = new(HttpMethod.Post, "/api/v1/categorization/classify/batch")
                {
                    Content = JsonContent.Create(new JsonObject { ["transactions"] = new JsonArray(Enumerable.Range(0, 50).Select(i => (JsonNode)Narrations.Row(random, i)).ToArray()) }),
                };
                break;
            case 4:
                var batch = Interlocked.Increment(ref _importSequence);
                request = new(HttpMethod.Post, "/api/v1/ingestion/import") { Content = JsonContent.Create(Narrations.Import(random, batch, 10)) };
                break;
            case 5:
                request = new(HttpMethod.Get, $"/api/v1/ingestion/uploads/{user.UploadId}");
                break;
            default:
                request = new(HttpMethod.Get, "/api/v1/health");
                break;
        }
        request.Headers.Authorization = new("Bearer", user.Token);
        return request;
    }
}

public sealed record BenchUser(string Id, string Token, string UploadId);

/// <summary>Synthetic Indian bank narrations (UPI/NEFT/IMPS/POS shapes), never customer data.</summary>
public static class Narrations
{
    private static readonly (string Merchant, string Category)[] Merchants =
    [
        ("Swiggy", "Food & Dining"), ("Zomato", "Food & Dining"), ("BigBasket", "Groceries"), ("Uber", "Transport"),
        ("IRCTC", "Travel"), ("Amazon", "Shopping"), ("Airtel", "Bills & Utilities"), ("BESCOM", "Bills & Utilities"),
        ("Apollo Pharmacy", "Health"), ("BookMyShow", "Entertainment"),
    ];

    public static JsonObject Row(Random random, int index)
    {
        var (merchant, _) = Merchants[random.Next(Merchants.Length)];
        var amount = Math.Round(20 + random.NextDouble() * 4980, 2);
        return new JsonObject
        {
            ["description"] = random.Next(3) switch
            {
                0 => $"UPI/{random.Next(100000000, 999999999)}/{merchant.ToUpperInvariant()}/PAYMENT",
                1 => $"POS {random.Next(1000, 9999)}XXXXXX{random.Next(1000, 9999)} {merchant.ToUpperInvariant()} BANGALORE",
                _ => $"IMPS-{random.Next(100000, 999999)}-{merchant}-{index}",
            },
            ["merchant"] = merchant,
            ["amount"] = amount,
            ["type"] = "debit",
        };
    }

    /// <summary>Rows that are new on every call (the batch number is in the reference), so each import inserts.</summary>
    public static JsonObject Import(Random random, long batch, int count)
    {
        var rows = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            var row = Row(random, i);
            var date = new DateOnly(2026, 1, 1).AddDays(random.Next(300));
            row["date"] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            row["type"] = random.Next(5) == 0 ? "credit" : "debit";
            row["reference"] = $"BENCH{batch:D8}{i:D3}";
            rows.Add(row);
        }
        return new JsonObject { ["transactions"] = rows, ["source"] = "bench-load" };
    }
}
