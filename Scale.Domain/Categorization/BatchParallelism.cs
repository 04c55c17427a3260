using System.Collections.Concurrent;

namespace Scale.Domain.Categorization;

/// <summary>
/// Runs a per-row body over a large batch on every core: classifying is pure CPU work on immutable models, so an
/// import's chunk (thousands of rows) is split into ranges, one per worker. Small batches (the classify API's ≤ 1,000
/// rows) stay on the calling thread: at ~10 µs a row they finish in milliseconds, and a request should not take
/// every core from the requests beside it.
/// </summary>
public static class BatchParallelism
{
    /// <summary>From this many rows a batch is split across cores.</summary>
    public const int MinParallelRows = 2_048;
    private const int RangeRows = 512;

    public static void For(int count, Action<int> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (count < MinParallelRows || Environment.ProcessorCount == 1)
        {
            for (var i = 0; i < count; i++) body(i);
            return;
        }
        Parallel.ForEach(Partitioner.Create(0, count, RangeRows), range =>
        {
            for (var i = range.Item1; i < range.Item2; i++) body(i);
        });
    }
}
