using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Scale.Domain.Ingestion;
using Scale.Domain.Transactions;
using Scale.Functions.Infrastructure.Transactions;

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

    /// <summary>
    /// Starts importing <paramref name="rows"/> for the user through the app's enricher held at
    /// <paramref name="gate"/>, and returns once the import is held there.
    /// </summary>
    public static async Task<(GatedEnricher Gate, Task<ImportResult> Import)> StartHeldImportAsync(ScaleApp app, string userId,
        EnricherGate gate, IReadOnlyList<ImportCandidate> rows)
    {
        var gated = new GatedEnricher(app.Services.GetRequiredService<ITransactionEnricher>(), gate);
        var importer = new TransactionImporter(app.Database, gated,
            new UserTransactionsChanged([], NullLogger<UserTransactionsChanged>.Instance), NullLogger<TransactionImporter>.Instance);
        var import = Task.Run(() => importer.ImportAsync(new ImportContext(userId, "test"), rows, CancellationToken.None));
        await gated.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return (gated, import);
    }

    /// <summary>
    /// The result of <paramref name="edit"/>, an edit that takes the user's import lock, started while the import is
    /// held: at <see cref="EnricherGate.FirstChunk"/> the import holds the lock, so the edit must be waiting for it
    /// until the import is released; at <see cref="EnricherGate.AfterPrepare"/> it completes first, then the import
    /// is released.
    /// </summary>
    public async Task<T> RaceAsync<T>(NpgsqlDataSource db, Task<T> edit)
    {
        if (_gate == EnricherGate.FirstChunk)
        {
            await WaitForAdvisoryLockWaiterAsync(db);
            Assert.False(edit.IsCompleted);
            Release.Set();
            return await edit;
        }
        var result = await edit;
        Release.Set();
        return result;
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
