using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Scale.Domain.Categorization;
using Scale.Functions.Infrastructure.Categorization;
using Scale.Functions.Tests.Support;

namespace Scale.Functions.Tests.EndToEnd;

/// <summary>
/// Issue 15 items 10 and 11. On Azure a TimerTrigger runs on one instance of a scaled-out app: a model published
/// there must reach every instance anyway (each checks the published version on use, at most every
/// Categorization__ModelCheckSeconds), and a published version is immutable.
/// </summary>
public sealed class ModelOnEveryInstanceTests
{
    /// <summary>A three-example model artifact under <paramref name="version"/> (also used by ModelPublishingTests).</summary>
    internal static byte[] TinyModel(string version, float l2 = 0.01f)
    {
        var examples = new List<LabelledExample>
        {
            new(new ClassificationInput("UPI/ZOMATO/zomato@hdfc/order"), Taxonomy.FoodAndDining),
            new(new ClassificationInput("ATM WDL HDFC ATM KORAMANGALA"), Taxonomy.CashWithdrawal),
            new(new ClassificationInput("NEFT CR ACME PVT LTD SALARY"), Taxonomy.Salary),
        };
        var model = LinearTextClassifierTrainer.Train(examples, null, new TrainingOptions { ModelVersion = version, HashBits = 12, L2 = l2 });
        using var artifact = new MemoryStream();
        ClassifierModelSerializer.Save(model, artifact);
        return artifact.ToArray();
    }

    private static async Task<string> ModelVersionServedBy(ScaleApp app)
    {
        using var response = await app.Client.SendAsync(app.Request(HttpMethod.Post, "/api/v1/categorization/classify", ScaleApp.NewUserId(),
            ScaleApp.Json(new { description = "UPI/ZOMATO/zomato@hdfc/dinner" })));
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("model_version").GetString()!;
    }

    [Fact]
    public async Task A_model_published_and_refreshed_on_one_instance_is_served_by_the_other()
    {
        // The hosts' own timers are far apart from the test: only the on-use check can move instance B.
        var settings = new Dictionary<string, string?> { ["Categorization:RefreshSeconds"] = "3600", ["Categorization:ModelCheckSeconds"] = "1" };
        await using var a = await ScaleApp.StartAsync(settings);
        await using var b = await ScaleApp.StartAsync(settings, sharingDatabaseOf: a);
        var shipped = await ModelVersionServedBy(b);
        var version = "multi-" + Guid.NewGuid().ToString("N")[..8];

        await a.Services.GetRequiredService<ClassifierModelStore>().PublishAsync(TinyModel(version), CancellationToken.None);
        await a.Services.GetRequiredService<ModelRefresher>().RefreshAsync(CancellationToken.None); // "the TimerTrigger ran on A"

        Assert.Equal(version, await ModelVersionServedBy(a));
        Assert.NotEqual(version, shipped);
        // B checks on use at most every second: poll it for a bounded time.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        var served = await ModelVersionServedBy(b);
        while (served != version && DateTime.UtcNow < deadline && await tick.WaitForNextTickAsync())
            served = await ModelVersionServedBy(b);
        Assert.Equal(version, served);
    }

    [Fact]
    public async Task Republishing_a_version_with_other_bytes_is_refused_and_the_same_bytes_are_a_no_op()
    {
        await using var app = await ScaleApp.StartAsync(new Dictionary<string, string?> { ["Categorization:RefreshSeconds"] = "3600" });
        var store = app.Services.GetRequiredService<ClassifierModelStore>();
        var version = "immutable-" + Guid.NewGuid().ToString("N")[..8];
        var first = TinyModel(version);
        var other = TinyModel(version, l2: 0.1f);
        Assert.NotEqual(first, other);

        await store.PublishAsync(first, CancellationToken.None);
        Assert.Equal(version, await store.PublishAsync(first, CancellationToken.None));
        // ModelVersionConflictException, an InvalidOperationException: written this way the test also runs (and
        // fails) against the code before versions were immutable.
        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => store.PublishAsync(other, CancellationToken.None));

        await using var cmd = app.Database.CreateCommand("SELECT sha256 FROM classifier_models WHERE version = $1");
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = version });
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(first)), await cmd.ExecuteScalarAsync());
    }
}
