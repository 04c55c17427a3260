using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Scale.Domain.Categorization;
using Scale.Functions.Infrastructure.Categorization;
using Scale.Functions.Tests.Support;

namespace Scale.Functions.Tests.EndToEnd;

/// <summary>A newly published classifier version replaces the running one without a restart.</summary>
public class ModelPublishingTests
{
    [Fact]
    public async Task Published_model_is_swapped_in_by_the_refresher_and_served()
    {
        await using var app = await ScaleApp.StartAsync();
        var version = "test-" + Guid.NewGuid().ToString("N")[..8];
        var published = await app.Services.GetRequiredService<ClassifierModelStore>().PublishAsync(ModelOnEveryInstanceTests.TinyModel(version), CancellationToken.None);
        // The host's own timer may run its first refresh after the publish and swap first; either way, after a
        // refresh the published version is the one in use.
        await app.Services.GetRequiredService<ModelRefresher>().RefreshAsync(CancellationToken.None);

        Assert.Equal(version, published);
        Assert.Equal(version, app.Services.GetRequiredService<ClassifierHolder>().Current.ModelVersion);
        var response = await app.Client.SendAsync(app.Request(HttpMethod.Post, "/api/v1/categorization/classify", ScaleApp.NewUserId(),
            ScaleApp.Json(new { description = "UPI/ZOMATO/zomato@hdfc/dinner" })));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(version, body.GetProperty("model_version").GetString());
        Assert.False(await app.Services.GetRequiredService<ModelRefresher>().RefreshAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_corrupt_published_artifact_is_refused_at_publish_time()
    {
        await using var app = await ScaleApp.StartAsync();
        var store = app.Services.GetRequiredService<ClassifierModelStore>();
        await Assert.ThrowsAnyAsync<Exception>(() => store.PublishAsync([1, 2, 3, 4, 5], CancellationToken.None));
        Assert.Null(await store.LatestVersionAsync(CancellationToken.None));
    }
}
