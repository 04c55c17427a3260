using System.Diagnostics;
using Scale.Domain.Categorization;
using Scale.Functions.Infrastructure.Categorization;

namespace Scale.Bench.Training;

/// <summary>
/// Classify latency with a user's own model loaded (issue 8 item 3: single classify p99 &lt; 1 ms, a batch of 1,000
/// &lt; 20 ms) beside the base model alone, same inputs, same process: each side is the
/// <see cref="UserCategorizer"/> classify serves (rules, then the user's model, then the base model), bound once, so
/// the figures are the classification itself, not the Postgres reads that bind it per request.
/// </summary>
internal static class ClassifyLatency
{
    private const int SingleCalls = 5_000;
    private const int Batches = 21;
    private const int BatchSize = 1_000;

    public static void Print(UserCategorizer withUserModel, UserCategorizer baseOnly, IReadOnlyList<ClassificationInput> inputs)
    {
        Console.WriteLine();
        Console.WriteLine($"classify latency, {SingleCalls:N0} single calls and {Batches} batches of {BatchSize:N0} (held-out narrations):");
        Console.WriteLine($"{"",-28} {"single p50 µs",14} {"single p99 µs",14} {"batch median ms",16} {"batch max ms",13}");
        foreach (var (name, categorizer) in new[] { ("base model only", baseOnly), ("with the user's model", withUserModel) })
        {
            // Warm up: JIT, the user model's pooled prediction engine.
            foreach (var input in inputs.Take(500)) categorizer.Classify(input);
            var single = new double[SingleCalls];
            for (var i = 0; i < SingleCalls; i++)
            {
                var started = Stopwatch.GetTimestamp();
                categorizer.Classify(inputs[i % inputs.Count]);
                single[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
            }
            var batches = new double[Batches];
            for (var b = 0; b < Batches; b++)
            {
                var batch = Enumerable.Range(b * BatchSize, BatchSize).Select(i => inputs[i % inputs.Count]).ToList();
                var started = Stopwatch.GetTimestamp();
                categorizer.ClassifyBatch(batch);
                batches[b] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
            Array.Sort(single);
            Array.Sort(batches);
            Console.WriteLine($"{name,-28} {single[SingleCalls / 2],14:F1} {single[SingleCalls * 99 / 100],14:F1} {batches[Batches / 2],16:F2} {batches[^1],13:F2}");
        }
        Console.WriteLine($"{"goal (issue 8)",-28} {"",14} {"< 1,000",14} {"< 20",16}");
    }
}
