using System.Data.Common;
using Dapper;

namespace Scale.Functions.Infrastructure.Transactions;

/// <summary>
/// The per-user lock an import holds from its first write to its commit (transaction-scoped advisory lock), so one
/// user's imports never interleave. Feedback and merchant-rename undo take it too: they change what an import derives
/// (the user's rules and renames) and rewrite stored rows of a merchant, so they wait for a running import to commit
/// (and then fix its rows as well), an import waits for them, and two of them on one user's rows cannot deadlock.
/// </summary>
internal static class UserImportLock
{
    /// <summary>Takes the lock for the parameter <c>@user</c>; released when the transaction ends.</summary>
    public const string Sql = "SELECT pg_advisory_xact_lock(hashtextextended('scale.import|' || @user, 0))";

    /// <summary>
    /// How long a request that edits the user's rows waits for an import to finish: longer than a 100,000-row import
    /// takes (~5 s in bench/Ingestion), short enough that the request is answered well inside the HTTP timeout.
    /// </summary>
    public static readonly TimeSpan EditWait = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Takes the lock for a request that edits the user's rows (feedback, undo), waiting at most
    /// <paramref name="wait"/> (<see cref="EditWait"/>): after that Postgres gives up with lock_not_available, a
    /// transient failure, so the client gets 503 with Retry-After instead of a request that hangs.
    /// </summary>
    public static Task AcquireAsync(DbConnection connection, DbTransaction transaction, string userId, CancellationToken cancellationToken,
        TimeSpan? wait = null) =>
        connection.ExecuteAsync(new CommandDefinition(
            $"""
            SELECT set_config('scale.lock_timeout_was', current_setting('lock_timeout'), true), set_config('lock_timeout', @timeout, true);
            {Sql};
            SELECT set_config('lock_timeout', current_setting('scale.lock_timeout_was'), true)
            """,
            new { user = userId, timeout = $"{(int)(wait ?? EditWait).TotalMilliseconds}ms" }, transaction, cancellationToken: cancellationToken));
}
