using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Scale.Bench.Ingestion;

/// <summary>
/// Synthetic but realistic data: an HDFC net-banking CSV (preamble, header, UPI/NEFT/IMPS/POS/ATM narrations,
/// dd/MM/yy dates, separate withdrawal/deposit columns, closing balance, footer) and API.md TransactionIn rows.
/// Deterministic (fixed seed) so runs are comparable. No real customer data.
/// </summary>
public static class StatementGenerator
{
    private static readonly string[] Merchants =
    [
        "SWIGGY", "ZOMATO", "BIGBASKET", "AMAZON PAY", "FLIPKART", "UBER INDIA", "OLA CABS", "IRCTC", "BPCL FUEL",
        "RELIANCE FRESH", "DMART", "BOOKMYSHOW", "NETFLIX", "AIRTEL", "JIO PREPAID", "TATA POWER", "APOLLO PHARMACY",
        "CAFE COFFEE DAY", "STARBUCKS", "MYNTRA", "ZERODHA", "LIC OF INDIA", "BESCOM", "MAKEMYTRIP", "NYKAA",
    ];

    private sealed record Line(DateOnly Date, string Narration, string Reference, decimal? Withdrawal, decimal? Deposit);

    private static IEnumerable<Line> Lines(int count)
    {
        var random = new Random(20240401);
        var date = new DateOnly(2022, 1, 1);
        for (var i = 0; i < count; i++)
        {
            if (random.Next(40) == 0) date = date.AddDays(1);
            var merchant = Merchants[random.Next(Merchants.Length)];
            var reference = (400000000000L + random.NextInt64(99999999999L)).ToString(CultureInfo.InvariantCulture);
            var kind = random.Next(100);
            if (kind < 60)
                yield return new(date, $"UPI-{merchant}-{merchant.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant()}@ybl-{reference}-PAYMENT FROM PHONE",
                    "0000" + reference, Math.Round((decimal)(random.NextDouble() * 3000 + 20), 2), null);
            else if (kind < 75)
                yield return new(date, $"POS 512345XXXXXX{random.Next(1000, 9999)} {merchant}", "0000" + reference,
                    Math.Round((decimal)(random.NextDouble() * 8000 + 100), 2), null);
            else if (kind < 85)
                yield return new(date, $"IMPS-{reference}-RAHUL SHARMA-HDFC-XXXXXXXX{random.Next(1000, 9999)}-RENT", "0000" + reference,
                    random.Next(5, 40) * 500m, null);
            else if (kind < 92)
                yield return new(date, $"NEFT CR-ICIC0000123-ACME SOFTWARE PVT LTD-SALARY-N{reference}", "N" + reference, null,
                    random.Next(40, 150) * 1000m);
            else
                yield return new(date, $"ATW-512345XXXXXX{random.Next(1000, 9999)}-S1ANMU{random.Next(10, 99)}-MUMBAI", "0000" + reference,
                    random.Next(1, 20) * 500m, null);
        }
    }

    public static byte[] HdfcCsv(int count)
    {
        var sb = new StringBuilder(count * 130);
        sb.Append("HDFC BANK Ltd.,,,,,,\n,,,,,,\nMR BENCH USER,,,,,,Account Branch : ANDHERI EAST\n");
        sb.Append("From : 01/01/22 To : 31/12/24,,,,,,Account No : 50100123456789 OTHER\n");
        sb.Append("********,********,********,********,********,********,********\n");
        sb.Append("Date,Narration,Chq./Ref.No.,Value Dt,Withdrawal Amt.,Deposit Amt.,Closing Balance\n");
        sb.Append("********,********,********,********,********,********,********\n");
        var balance = 500_000m;
        foreach (var l in Lines(count))
        {
            balance += (l.Deposit ?? 0) - (l.Withdrawal ?? 0);
            var d = l.Date.ToString("dd/MM/yy", CultureInfo.InvariantCulture);
            sb.Append(CultureInfo.InvariantCulture, $"{d},{l.Narration},{l.Reference},{d},{l.Withdrawal:0.00},{l.Deposit:0.00},{balance:0.00}\n");
        }
        sb.Append("********,********,********,********,********,********,********\n");
        sb.Append("STATEMENT SUMMARY :-,,,,,,\n");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    /// <summary>TransactionIn rows as the frontend sends them (some with a category, all with a raw object).</summary>
    public static List<JsonObject> JsonRows(int count)
    {
        var rows = new List<JsonObject>(count);
        var i = 0;
        foreach (var l in Lines(count))
        {
            var debit = l.Withdrawal is not null;
            rows.Add(new JsonObject
            {
                ["date"] = l.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["amount"] = l.Withdrawal ?? l.Deposit,
                ["type"] = debit ? "debit" : "credit",
                ["description"] = l.Narration,
                ["reference"] = l.Reference,
                ["category"] = i++ % 3 == 0 ? (debit ? "Shopping" : "Salary") : null,
                ["raw"] = new JsonObject { ["Narration"] = l.Narration, ["Chq./Ref.No."] = l.Reference },
            });
        }
        return rows;
    }
}
