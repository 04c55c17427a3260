using Scale.Functions.Tests.Support;

namespace Scale.Functions.Tests.Training;

/// <summary>
/// A local host (with its own task hub, see <see cref="ScaleApp"/>) with fast retries (2 attempts, 0.2 s apart) and
/// a training tier roomy enough for one test class.
/// </summary>
public sealed class TrainingAppFixture : IAsyncLifetime
{
    public ScaleApp App { get; private set; } = null!;

    public static Dictionary<string, string?> Settings() => new()
    {
        ["Training:MaxAttempts"] = "2",
        ["Training:FirstRetrySeconds"] = "0.2",
        ["RateLimiting:Training:Limit"] = "50",
    };

    public async Task InitializeAsync() => App = await ScaleApp.StartAsync(Settings());

    public async Task DisposeAsync() => await App.DisposeAsync();
}
