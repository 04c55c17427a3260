using Microsoft.Extensions.Configuration;
using Npgsql;
using Scale.Functions.Api;
using Scale.Functions.Pipeline;

namespace Scale.Functions.Hosting;

/// <summary>Thrown before the host starts when configuration is unusable; the message lists every problem.</summary>
public sealed class InvalidConfigurationException(IReadOnlyList<string> problems)
    : Exception("SCALE cannot start: " + string.Join(" ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}

/// <summary>
/// Checks the configuration both hosts need (environment variables with "__" for sections, or
/// local.settings.json Values) and fails start-up with one clear message instead of a first-request 500.
/// </summary>
public static class StartupConfiguration
{
    public static void Validate(IConfiguration configuration)
    {
        var problems = new List<string>();

        var postgres = configuration.GetConnectionString("Postgres");
        if (string.IsNullOrWhiteSpace(postgres)) problems.Add("ConnectionStrings__Postgres is not set.");
        else
        {
            try { _ = new NpgsqlConnectionStringBuilder(postgres); }
            catch (ArgumentException) { problems.Add("ConnectionStrings__Postgres is not a valid Npgsql connection string."); }
        }

        var redis = configuration.GetConnectionString("Redis");
        if (string.IsNullOrWhiteSpace(redis)) problems.Add("ConnectionStrings__Redis is not set.");
        else
        {
            try { _ = StackExchange.Redis.ConfigurationOptions.Parse(redis); }
            catch (ArgumentException) { problems.Add("ConnectionStrings__Redis is not a valid StackExchange.Redis configuration string."); }
        }

        var storage = configuration.GetConnectionString(BlobPaths.StorageConnection);
        var storageUri = configuration[$"{BlobPaths.StorageConnection}:blobServiceUri"];
        if (string.IsNullOrWhiteSpace(storage) && string.IsNullOrWhiteSpace(storageUri))
            problems.Add("ConnectionStrings__StatementStorage (or StatementStorage__blobServiceUri with a managed identity) is not set.");
        else if (!string.IsNullOrWhiteSpace(storage) && !storage.Contains("AccountName=", StringComparison.OrdinalIgnoreCase)
                 && !storage.Contains("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase))
            problems.Add("ConnectionStrings__StatementStorage is not a storage account connection string.");

        problems.AddRange(Bind<CorsOptions>(configuration, "Cors").Validate());
        problems.AddRange(Bind<BodyLimitOptions>(configuration, "Limits").Validate());
        problems.AddRange(Bind<Pipeline.Concurrency.ConcurrencyOptions>(configuration, "Concurrency").Validate());
        problems.AddRange(ValidateSections(configuration));

        if (problems.Count > 0) throw new InvalidConfigurationException(problems);
    }

    /// <summary>Per-area validations contributed by the auth and throttling options.</summary>
    private static IEnumerable<string> ValidateSections(IConfiguration configuration)
    {
        foreach (var problem in Bind<Pipeline.Auth.AuthOptions>(configuration, "Auth").Validate()) yield return problem;
        foreach (var problem in Bind<Pipeline.Throttling.RateLimitingOptions>(configuration, "RateLimiting").Validate()) yield return problem;
        foreach (var problem in Infrastructure.Transactions.PageCursors.ConfigurationProblems(configuration)) yield return problem;
    }

    private static T Bind<T>(IConfiguration configuration, string section) where T : new()
    {
        var options = new T();
        configuration.GetSection(section).Bind(options);
        return options;
    }
}
