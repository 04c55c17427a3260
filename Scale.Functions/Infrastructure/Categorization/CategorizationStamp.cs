using System.Data.Common;
using Dapper;
using Npgsql;

namespace Scale.Functions.Infrastructure.Categorization;

/// <summary>
/// A value that changes whenever the user's category rules or merchant renames change (the count and the newest
/// update of each: feedback upserts, undo deletes). An import reads the rules and renames before it opens its own
/// connection (it never holds two pooled connections); once it holds the user's import lock it compares the stamp
/// it saw with the stored one, and reads again if feedback changed them in between.
/// </summary>
public static class CategorizationStamp
{
    private const string Sql = """
        SELECT (SELECT count(*)::text || '/' || coalesce(max(updated_at)::text, '') FROM user_category_rules WHERE user_id = @user)
            || '|' || (SELECT count(*)::text || '/' || coalesce(max(updated_at)::text, '') FROM merchant_overrides WHERE user_id = @user)
        """;

    public static async Task<string> ReadAsync(NpgsqlDataSource dataSource, string userId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await ReadAsync(connection, null, userId, cancellationToken);
    }

    public static async Task<string> ReadAsync(DbConnection connection, DbTransaction? transaction, string userId, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<string>(new CommandDefinition(Sql, new { user = userId }, transaction, cancellationToken: cancellationToken))
        ?? string.Empty;
}
