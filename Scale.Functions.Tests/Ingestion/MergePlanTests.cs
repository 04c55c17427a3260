using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;
using Scale.Functions.Infrastructure.Database;
using Scale.Functions.Infrastructure.Transactions;
using Scale.Functions.Tests.Support;

namespace Scale.Functions.Tests.Ingestion;

/// <summary>
/// Issue 12 item 7: no import step's plan depends on statistics being current for the importing user. The case that
/// broke it: a user whose rows arrived after the last ANALYZE (every new user's first import), for whom a custom plan
/// believes there are no rows. The merge's anti-join then read the user's rows through the (user_id, merchant) index
/// for every staged row (25 s for 5,000 rows in bench/Ingestion), or hashed all of the user's rows for every chunk.
/// </summary>
public sealed class MergePlanTests : IAsyncLifetime
{
    private const int UsersBefore = 4;
    private const int RowsPerUserBefore = 2_000;
    private const int NewUserRows = 20_000;

    private TestDatabase _database = null!;

    [Fact]
    public async Task The_merge_reads_only_staging_and_leaves_duplicates_to_the_unique_indexes()
    {
        var plan = await PlanWithStaleStatisticsAsync(StagingBatch.Merge);
        Assert.Empty(IndexesReadingTransactions(plan));
        Assert.Contains("\"Conflict Resolution\": \"NOTHING\"", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_duplicate_lookup_probes_by_fingerprint_or_reference_key_and_stops_at_its_cap()
    {
        var plan = await PlanWithStaleStatisticsAsync(StagingBatch.MatchedRows);
        var indexes = IndexesReadingTransactions(plan);
        Assert.Contains("transactions_user_fingerprint", indexes);
        Assert.Contains("transactions_user_reference_key", indexes);
        Assert.DoesNotContain("(seq scan)", indexes);
        Assert.DoesNotContain("transactions_user_merchant", indexes);
        // Input order comes from staging before the probes, so the LIMIT needs no sort above the join.
        using var json = JsonDocument.Parse(plan);
        var limit = json.RootElement[0].GetProperty("Plan");
        Assert.Equal("Limit", limit.GetProperty("Node Type").GetString());
        Assert.Equal("Nested Loop", limit.GetProperty("Plans")[0].GetProperty("Node Type").GetString());
    }

    /// <summary>A database of its own: a few users with a history, analyzed, as autovacuum leaves it.</summary>
    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await new MigrationRunner(_database.DataSource, NullLogger<MigrationRunner>.Instance).ApplyAsync();
        await using var connection = await _database.DataSource.OpenConnectionAsync();
        for (var u = 0; u < UsersBefore; u++) await SeedAsync(connection, null, $"user-before-{u}", RowsPerUserBefore);
        await using var analyze = new NpgsqlCommand("ANALYZE transactions", connection);
        await analyze.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    /// <summary>EXPLAIN (FORMAT JSON) of <paramref name="sql"/> as the import runs it, for a new user whose
    /// <see cref="NewUserRows"/> rows were stored after the last ANALYZE.</summary>
    private async Task<string> PlanWithStaleStatisticsAsync(string sql)
    {
        const string user = "user-new";
        await using var connection = await _database.DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await SeedAsync(connection, transaction, user, NewUserRows);
        await using (var staging = new NpgsqlCommand(StagingBatch.CreateStaging + ";" + StagingBatch.GenericPlan, connection, transaction))
            await staging.ExecuteNonQueryAsync();
        // As the import sends it: prepared with parameters, planned by the plan cache under the batch's settings
        // (an EXPLAIN with bound values would plan for the values, which the import does not).
        var positional = sql.Replace("@user_id", "$1", StringComparison.Ordinal).Replace("@import_id", "$2", StringComparison.Ordinal)
            .Replace("@upload_id", "$3", StringComparison.Ordinal).Replace("@cap", "$4", StringComparison.Ordinal);
        await using (var prepare = new NpgsqlCommand($"PREPARE planned (text, uuid, uuid, int) AS {positional}", connection, transaction))
            await prepare.ExecuteNonQueryAsync();
        // EXPLAIN EXECUTE takes no bind parameters: the values are literals (a generated user id, a GUID, a number).
        await using var explain = new NpgsqlCommand(
            $"EXPLAIN (FORMAT JSON) EXECUTE planned ('{user}', '{Guid.NewGuid()}', NULL, {TransactionImporter.MaxDuplicatesListed})", connection, transaction);
        var plan = (string)(await explain.ExecuteScalarAsync())!;
        await transaction.RollbackAsync();
        return plan;
    }

    private static async Task SeedAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string user, int rows)
    {
        await using var seed = new NpgsqlCommand("""
            INSERT INTO transactions (user_id, fingerprint, txn_date, amount, type, description, merchant, import_id, reference_key)
            SELECT @user, md5(@user || 'f' || g) || md5('g' || g), date '2025-01-01' + g % 365, 100 + g % 900, 'debit',
                   'UPI/' || g || '/MERCHANT ' || g % 50, 'MERCHANT ' || g % 50, gen_random_uuid(), md5(@user || 'r' || g) || md5('s' || g)
            FROM generate_series(1, @rows) g
            """, connection, transaction);
        seed.Parameters.AddWithValue("user", user);
        seed.Parameters.AddWithValue("rows", rows);
        await seed.ExecuteNonQueryAsync();
    }

    /// <summary>Every index the plan reads (only transactions has any), and "(seq scan)" for a scan of the whole table.</summary>
    private static List<string> IndexesReadingTransactions(string plan)
    {
        using var json = JsonDocument.Parse(plan);
        var found = new SortedSet<string>(StringComparer.Ordinal);
        Walk(json.RootElement[0].GetProperty("Plan"), found);
        return [.. found];

        static void Walk(JsonElement node, SortedSet<string> found)
        {
            if (node.TryGetProperty("Index Name", out var index)) found.Add(index.GetString()!);
            if (node.GetProperty("Node Type").GetString() is "Seq Scan" && node.GetProperty("Relation Name").GetString() == "transactions")
                found.Add("(seq scan)");
            if (node.TryGetProperty("Plans", out var children))
                foreach (var child in children.EnumerateArray()) Walk(child, found);
        }
    }
}
