using Scale.Functions.Local;

namespace Scale.Functions.Tests.Support;

/// <summary>
/// Connection settings of the local stack (scripts/local-stack.sh writes .local/stack.env; scripts/test.sh exports
/// SCALE_STACK_ENV). Environment variables win. A missing stack is a failure, not a skip: CI must not go green
/// by testing nothing.
/// </summary>
public static class StackSettings
{
    private static readonly Lazy<Dictionary<string, string?>> Values = new(Load);

    public static string Get(string key) =>
        Environment.GetEnvironmentVariable(key.Replace(":", "__", StringComparison.Ordinal)) is { Length: > 0 } fromEnv ? fromEnv
        : Values.Value.TryGetValue(key, out var value) && !string.IsNullOrEmpty(value) ? value
        : throw new InvalidOperationException($"'{key}' is not configured: run scripts/local-stack.sh up (or scripts/test.sh).");

    public static string Postgres => Get("ConnectionStrings:Postgres");
    public static string PostgresAdmin => Get("ConnectionStrings:PostgresAdmin");
    public static string Redis => Get("ConnectionStrings:Redis");
    public static string Storage => Get("ConnectionStrings:StatementStorage");
    /// <summary>Azurite with blob, queue and table endpoints (Durable Task's Azure Storage provider).</summary>
    public static string DurableStorage => Get("AzureWebJobsStorage");

    private static Dictionary<string, string?> Load() =>
        StackEnvFile.Locate() is { } path ? StackEnvFile.Read(path) : new Dictionary<string, string?>();
}
