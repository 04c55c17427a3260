using Dapper;
using Npgsql;
using Scale.Domain.Categorization;

namespace Scale.Functions.Infrastructure.Profiles;

public sealed record Profile(string UserId, string? DisplayName, string Currency, string Timezone, DateTime CreatedAt,
    string[] AccountHolderNames, string[] OwnAccountNumbers);

/// <summary>What PUT /settings changes; null leaves a field as it is.</summary>
public sealed record ProfileChanges(string? DisplayName, bool SetDisplayName, string? Currency, string? Timezone,
    string[]? AccountHolderNames = null, string[]? OwnAccountNumbers = null);

/// <summary>Profiles: created on first use with the defaults (INR, Asia/Kolkata).</summary>
public sealed class ProfileStore(NpgsqlDataSource dataSource)
{
    private const string Columns = "user_id AS UserId, display_name AS DisplayName, currency AS Currency, timezone AS Timezone, " +
                                   "created_at AS CreatedAt, account_holder_names AS AccountHolderNames, own_account_numbers AS OwnAccountNumbers";

    public async Task<Profile> GetOrCreateAsync(string userId, string? displayNameHint, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // Insert-if-absent then read: safe under concurrent first requests for the same user.
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO profiles(user_id, display_name) VALUES (@userId, @name) ON CONFLICT (user_id) DO NOTHING",
            new { userId, name = displayNameHint }, cancellationToken: cancellationToken));
        return (await connection.QuerySingleAsync<ProfileRow>(new CommandDefinition(
            $"SELECT {Columns} FROM profiles WHERE user_id = @userId", new { userId }, cancellationToken: cancellationToken))).ToProfile();
    }

    public async Task<Profile> UpdateAsync(string userId, ProfileChanges changes, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QuerySingleAsync<ProfileRow>(new CommandDefinition($"""
            INSERT INTO profiles AS p (user_id, display_name, currency, timezone, account_holder_names, own_account_numbers)
            VALUES (@userId, @displayName, COALESCE(@currency, 'INR'), COALESCE(@timezone, 'Asia/Kolkata'),
                    COALESCE(@names, ARRAY[]::text[]), COALESCE(@accounts, ARRAY[]::text[]))
            ON CONFLICT (user_id) DO UPDATE SET
                display_name = CASE WHEN @setDisplayName THEN EXCLUDED.display_name ELSE p.display_name END,
                currency     = COALESCE(@currency, p.currency),
                timezone     = COALESCE(@timezone, p.timezone),
                account_holder_names = COALESCE(@names, p.account_holder_names),
                own_account_numbers  = COALESCE(@accounts, p.own_account_numbers),
                updated_at   = now()
            RETURNING {Columns}
            """,
            new
            {
                userId, displayName = changes.DisplayName, setDisplayName = changes.SetDisplayName, currency = changes.Currency,
                timezone = changes.Timezone, names = changes.AccountHolderNames, accounts = changes.OwnAccountNumbers,
            },
            cancellationToken: cancellationToken))).ToProfile();
    }

    /// <summary>
    /// The user's own names and account numbers for categorization; <see cref="AccountHolder.None"/> for a user
    /// without a profile yet (reading does not create one: classification must not write).
    /// </summary>
    public async Task<AccountHolder> GetAccountHolderAsync(string userId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ProfileRow>(new CommandDefinition(
            "SELECT account_holder_names AS AccountHolderNames, own_account_numbers AS OwnAccountNumbers FROM profiles WHERE user_id = @userId",
            new { userId }, cancellationToken: cancellationToken));
        return row is null ? AccountHolder.None : new AccountHolder(row.AccountHolderNames, row.OwnAccountNumbers);
    }

    /// <summary>Dapper reads text[] as a bare Array into constructors; settable properties take string[].</summary>
    private sealed class ProfileRow
    {
        public string UserId { get; set; } = "";
        public string? DisplayName { get; set; }
        public string Currency { get; set; } = "";
        public string Timezone { get; set; } = "";
        public DateTime CreatedAt { get; set; }
        public string[] AccountHolderNames { get; set; } = [];
        public string[] OwnAccountNumbers { get; set; } = [];

        public Profile ToProfile() => new(UserId, DisplayName, Currency, Timezone, CreatedAt, AccountHolderNames, OwnAccountNumbers);
    }
}
