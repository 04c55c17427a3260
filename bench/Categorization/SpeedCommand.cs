using System.Diagnostics;
using Scale.Domain.Categorization;

namespace Scale.Bench.Categorization;

/// <summary>
/// Load time, single-classify latency (p50/p99), a batch of 1,000 and throughput over 100,000 rows, each beside an
/// exact-lookup dictionary baseline (the cheapest possible "classifier") measured in the same run.
/// </summary>
internal static class SpeedCommand
{
    private const int SingleCalls = 20_000;
    private const int BatchSize = 1_000;
    private const int Rows = 100_000;

    public static void Run()
    {
        var loads = new List<double>();
        LinearTextClassifier model = null!;
        for (var i = 0; i < 5; i++)
        {
            var sw = Stopwatch.StartNew();
            model = ClassifierModelSerializer.LoadFromFile(RepoPaths.Model);
            loads.Add(sw.Elapsed.TotalMilliseconds);
        }
        Console.WriteLine($"model {model.ModelVersion}: {new FileInfo(RepoPaths.Model).Length / 1024.0 / 1024.0:0.00} MB on disk, " +
                          $"load first {loads[0]:0.0} ms, median of 5 {Median(loads):0.0} ms");

        var gen = BaseCorpus.Generator();
        var inputs = gen.Generate(CorpusSplit.HeldOutStyles, Rows / 21 + 1, RepoPaths.CorpusSeed + 9)
            .Select(e => e.Input).Take(Rows).ToList();
        var lookup = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var input in inputs.Take(Rows / 2)) lookup[input.Description] = Taxonomy.Shopping;
        var engine = new CategorizationEngine(model);

        ClassificationResult LookupClassify(ClassificationInput input) => lookup.TryGetValue(input.Description, out var c)
            ? new ClassificationResult(c, 1, ClassificationSources.Rule, "lookup", [], "")
            : new ClassificationResult(Taxonomy.Uncategorized, 0, ClassificationSources.Default, "lookup", [], "");

        Console.WriteLine();
        Console.WriteLine($"{"",-22} {"p50 µs",8} {"p99 µs",8} {"batch 1k ms",12} {"rows/s (100k)",14} {"bytes/call",11}");
        Report("linear model", inputs, i => engine.Classify(i), rows => engine.ClassifyBatch(rows));
        // A user who has corrected a few dozen merchants: every row is checked against their rules first, and most
        // rows match none (the rules are learned from other narrations than the ones classified).
        var rules = UserRuleBook.Learn(gen.Generate(CorpusSplit.HeldOutStyles, 2, RepoPaths.CorpusSeed + 11).Take(40));
        Report($"+ {rules.Count} user rules", inputs, i => engine.Classify(i, rules), rows => engine.ClassifyBatch(rows, rules));
        var none = new ClassificationResult(Taxonomy.Uncategorized, 0, ClassificationSources.Default, "", [], "");
        Report("analyzer only", inputs, i => NarrationAnalyzer.Analyze(i.Description).Merchant is null ? none : none,
            rows => rows.Select(i => NarrationAnalyzer.Analyze(i.Description).Merchant is null ? none : none).ToList());
        Report("exact-lookup baseline", inputs, i => LookupClassify(i), rows => rows.Select(LookupClassify).ToList());
    }

    private static void Report(string name, List<ClassificationInput> inputs, Func<ClassificationInput, ClassificationResult> one,
        Func<IReadOnlyList<ClassificationInput>, IReadOnlyList<ClassificationResult>> batch)
    {
        for (var i = 0; i < 5_000; i++) one(inputs[i % inputs.Count]); // JIT tiering and caches warm
        var samples = new double[SingleCalls];
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < SingleCalls; i++)
        {
            var start = Stopwatch.GetTimestamp();
            one(inputs[(i * 7919) % inputs.Count]);
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }
        var bytesPerCall = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / (double)SingleCalls;
        Array.Sort(samples);

        var batches = new List<double>();
        for (var b = 0; b < 20; b++)
        {
            var slice = inputs.Skip(b * BatchSize).Take(BatchSize).ToList();
            var sw = Stopwatch.StartNew();
            batch(slice);
            batches.Add(sw.Elapsed.TotalMilliseconds);
        }

        var all = Stopwatch.StartNew();
        batch(inputs);
        var rowsPerSecond = inputs.Count / all.Elapsed.TotalSeconds;
        Console.WriteLine($"{name,-22} {samples[SingleCalls / 2],8:0.0} {samples[(int)(SingleCalls * 0.99)],8:0.0} " +
                          $"{Median(batches),12:0.00} {rowsPerSecond,14:N0} {bytesPerCall,11:N0}");
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
