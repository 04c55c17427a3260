using Npgsql;
using Scale.Domain.Ingestion;
using Scale.Domain.Transactions;

namespace Scale.Functions.Tests.Support;

/// <summary>Where a <see cref="GatedEnricher"/> holds its first import.</summary>
public enum EnricherGate
{
    /// <summary>After reading the user's rules, before the import takes the user's lock.</summary>
    AfterPrepare,
    /// <summary>At the first chunk: the import holds the user's lock and has written nothing yet.</summary>
    FirstChunk,
}

/// <summary>
/// The app's enricher, holding the first import that reaches <paramref name="gate"/> until <see cref="Release"/> is
/// set: an import paused at a chosen point. Later imports (and a repeated prepare) pass straight through.
/// </summary>
public sealed class GatedEnricher(ITransactionEnricher inner, EnricherGate gate = EnricherGate.FirstChunk) : ITransactionEnricher
{
    private readonly EnricherGate _gate = gate;
    private int _held;

    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public ManualResetEventSlim Release { get; } = new(false);
    public int Prepared { get; private set; }

    public async ValueTask<IDraftEnricher> PrepareAsync(string userId, CancellationToken cancellationToken)
    {
        var prepared = await inner.PrepareAsync(userId, cancellationToken);
        Prepared++;
        if (_gate == EnricherGate.AfterPrepare) Hold();
        return new Gate(prepared, this);
    }

    private void Hold()
    {
        if (Interlocked.Exchange(ref _held, 1) == 1) return;
        Entered.TrySetResult();
        Release.Wait(TimeSpan.FromSeconds(60));
    }

    private sealed class Gate(IDraftEnricher inner, GatedEnricher owner) : IDraftEnricher
    {
        public IReadOnlyList<TransactionDraft> Enrich(IReadOnlyList<TransactionDraft> drafts)
        {
            if (owner._gate == EnricherGate.FirstChunk) owner.Hold();
            return inner.Enrich(drafts);
        }
    }

    /// <summary>Polls pg_stat_activity until a backend of this database waits on an advisory lock.</summary>
    public static async Task WaitForAdvisoryLockWaiterAsync(NpgsqlDataSource db)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            await using var cmd = db.CreateCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'advisory'");
            if ((long)(await cmd.ExecuteScalarAsync())! > 0) return;
            await Task.Delay(100);
        }
        Assert.Fail("Nothing ever waited for the user's lock.");
    }
}
