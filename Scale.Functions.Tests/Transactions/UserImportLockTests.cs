using Npgsql;
using Scale.Functions.Infrastructure.Transactions;
using Scale.Functions.Pipeline.Faults;
using Scale.Functions.Tests.Support;

namespace Scale.Functions.Tests.Transactions;

/// <summary>
/// An edit (feedback, rename undo) waits for the user's running import a bounded time: past it Postgres gives up with
/// lock_not_available, which the error boundary answers with 503 and Retry-After, and the session's own lock timeout
/// is what it was before.
/// </summary>
[Collection(ScaleAppCollection.Name)]
public sealed class UserImportLockTests(ScaleAppFixture fixture)
{
    private NpgsqlDataSource Db => fixture.App.Database;

    [Fact]
    public async Task An_edit_waiting_past_its_bound_for_a_running_import_fails_as_a_transient_database_failure()
    {
        var user = ScaleApp.NewUserId();
        await using var import = await Db.OpenConnectionAsync();
        await using var importTx = await import.BeginTransactionAsync();
        await UserImportLock.AcquireAsync(import, importTx, user, CancellationToken.None);

        await using var edit = await Db.OpenConnectionAsync();
        await using var editTx = await edit.BeginTransactionAsync();
        var error = await Assert.ThrowsAsync<PostgresException>(() =>
            UserImportLock.AcquireAsync(edit, editTx, user, CancellationToken.None, TimeSpan.FromMilliseconds(200)));
        Assert.Equal(PostgresErrorCodes.LockNotAvailable, error.SqlState);
        Assert.Equal(Dependency.Database, TransientFailure.Classify(error));
    }

    [Fact]
    public async Task Once_taken_the_sessions_lock_timeout_is_what_it_was()
    {
        await using var connection = await Db.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await using (var set = new NpgsqlCommand("SET LOCAL lock_timeout = '7s'", connection, tx)) await set.ExecuteNonQueryAsync();

        await UserImportLock.AcquireAsync(connection, tx, ScaleApp.NewUserId(), CancellationToken.None);

        await using var show = new NpgsqlCommand("SHOW lock_timeout", connection, tx);
        Assert.Equal("7s", await show.ExecuteScalarAsync());
    }
}
