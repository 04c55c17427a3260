using Dapper;
using Npgsql;

namespace Scale.Functions.Infrastructure.Profiles;

public sealed record Profile(string UserId, string? DisplayName, string Currency, string Timezone, DateTime CreatedAt);

public sealed record ProfileChanges(string? DisplayName, bool SetDisplayName, string? Currency, string? Timezone);

/// <summary>Profiles: created on first use with the defaults (INR, Asia/Kolkata).</summary>
public sealed class ProfileStore(NpgsqlDataSource dataSource)
{
    private const string Columns = "user_id AS UserId, display_name AS DisplayName, currency AS Currency, timezone AS Timezone, created_at AS CreatedAt";

    public async Task<Profile> GetOrCreateAsync(string userId, string? displayNameHint, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // Insert-if-absent then read: safe under concurrent first requests for the same user.
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO profiles(user_id, display_name) VALUES (@userId, @name) ON CONFLICT (user_id) DO NOTHING",
            new { userId, name = displayNameHint }, cancellationToken: cancellationToken));
        return await connection.QuerySingleAsync<Profile>(new CommandDefinition(
            $"SELECT {Columns} FROM profiles WHERE user_id = @userId", new { userId }, cancellationToken: cancellationToken));
    }

    public async Task<Profile> UpdateAsync(string userId, ProfileChanges changes, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleAsync<Profile>(new CommandDefinition($"""
            INSERT INTO profiles AS p (user_id, display_name, currency, timezone)
            VALUES (@userId, @displayName, COALESCE(@currency, 'INR'), COALESCE(@timezone, 'Asia/Kolkata'))
            ON CONFLICT (user_id) DO UPDATE SET
                display_name = CASE WHEN @setDisplayName THEN EXCLUDED.display_name ELSE p.display_name END,
                currency     = COALESCE(@currency, p.currency),
                timezone     = COALESCE(@timezone, p.timezone),
                updated_at   = now()
            RETURNING {Columns}
            """,
            new { userId, displayName = changes.DisplayName, setDisplayName = changes.SetDisplayName, currency = changes.Currency, timezone = changes.Timezone },
            cancellationToken: cancellationToken));
    }
}
