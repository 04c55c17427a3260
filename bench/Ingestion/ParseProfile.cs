using System.Diagnostics;
using Scale.Domain.Ingestion;
using Scale.Domain.Ingestion.Parsing;
using Scale.Domain.Transactions;

namespace Scale.Bench.Ingestion;

/// <summary>
/// `dotnet run -c Release --project bench/Ingestion -- profile [seconds]`: parses the bench's 100,000-row statement
/// and computes its identity (fingerprint + reference key) over and over with no database, so a sampling profiler
/// (`dotnet-trace collect --profile cpu-sampling -- dotnet bin/.../Scale.Bench.Ingestion.dll profile`) sees only the
/// CPU-bound hot path. Prints rows/s per pass.
/// </summary>
internal static class ParseProfile
{
    public static void Run(int seconds)
    {
        var csv = StatementGenerator.HdfcCsv(100_000);
        var until = Stopwatch.StartNew();
        while (until.Elapsed.TotalSeconds < seconds)
        {
            var clock = Stopwatch.StartNew();
            var drafts = new List<TransactionDraft>(100_000);
            using (var reader = StatementParser.Open(new MemoryStream(csv), "hdfc.csv", new StatementParseOptions()))
                foreach (var row in reader.ReadRows()) drafts.Add(row.Draft);
            var parse = clock.Elapsed;
            var fingerprinter = new BatchFingerprinter();
            var references = new BatchReferenceKeys();
            foreach (var draft in drafts)
            {
                fingerprinter.Next(draft);
                references.Next(draft, fingerprinter.LastOccurrence, out _);
            }
            Console.WriteLine($"parse {drafts.Count / parse.TotalSeconds:N0} rows/s, identity {drafts.Count / (clock.Elapsed - parse).TotalSeconds:N0} rows/s");
        }
    }
}
