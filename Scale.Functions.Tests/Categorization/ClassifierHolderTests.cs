using Scale.Domain.Categorization;

namespace Scale.Functions.Tests.Categorization;

public class ClassifierHolderTests(TinyModelFixture fixture) : IClassFixture<TinyModelFixture>
{
    [Fact]
    public void Loads_exactly_once_under_32_concurrent_first_calls()
    {
        var loads = 0;
        var holder = new ClassifierHolder(() =>
        {
            Interlocked.Increment(ref loads);
            Thread.SpinWait(2_000_000); // a slow load widens the window in which racing callers could double-load
            return fixture.Model;
        });
        using var start = new Barrier(32);
        var seen = new ITransactionClassifier[32];

        var threads = Enumerable.Range(0, 32).Select(i => new Thread(() =>
        {
            start.SignalAndWait();
            seen[i] = holder.Current;
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Equal(1, loads);
        Assert.All(seen, s => Assert.Same(fixture.Model, s));
        Assert.True(holder.IsLoaded);
    }

    [Fact]
    public void Replace_swaps_the_current_classifier_and_returns_the_previous()
    {
        var holder = new ClassifierHolder(() => fixture.Model);
        var first = holder.Current;
        var next = fixture.Model.WithThreshold(0.9);

        var previous = holder.Replace(next);

        Assert.Same(fixture.Model, first);
        Assert.Same(fixture.Model, previous);
        Assert.Same(next, holder.Current);
    }

    [Fact]
    public void Replacing_before_first_use_skips_the_initial_load()
    {
        var loads = 0;
        var holder = new ClassifierHolder(() =>
        {
            Interlocked.Increment(ref loads);
            return fixture.Model;
        });

        holder.Replace(fixture.Model.WithThreshold(0.5));
        _ = holder.Current;

        Assert.Equal(0, loads);
        Assert.True(holder.IsLoaded);
    }
}
