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

    public static Task AcquireAsync(DbConnection connection, DbTransaction transaction, string userId, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(Sql, new { user = userId }, transaction, cancellationToken: cancellationToken));
}
