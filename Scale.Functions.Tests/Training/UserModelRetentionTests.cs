using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Scale.Domain.Categorization;
using Scale.Domain.Categorization.UserModels;
using Scale.Functions.Infrastructure.Categorization;
using Scale.Functions.Tests.Support;

namespace Scale.Functions.Tests.Training;

/// <summary>Retention (issue 8 item 6): a user's versions beyond the newest N are deleted, never the active one, never another user's.</summary>
[Collection(ScaleAppCollection.Name)]
public sealed class UserModelRetentionTests(ScaleAppFixture fixture)
{
    [Fact]
    public async Task Versions_beyond_the_newest_n_are_deleted_but_the_active_one_is_kept()
    {
        var store = new UserModelStore(fixture.App.Services.GetRequiredService<NpgsqlDataSource>());
        var baseModel = fixture.App.Services.GetRequiredService<ClassifierHolder>().Current;
        var examples = new[]
        {
            new LabelledExample(new ClassificationInput("UPI/RAMESH KUMAR/ramesh@okaxis/rent"), Taxonomy.Rent),
            new LabelledExample(new ClassificationInput("UPI/ZOMATO/zomato@hdfcbank/order"), Taxonomy.FoodAndDining),
        };
        var artifact = UserModelTrainer.Train(examples, baseModel, "seed").Artifact;
        var user = ScaleApp.NewUserId();
        var other = ScaleApp.NewUserId();
        foreach (var owner in new[] { user, other })
            foreach (var version in new[] { "v1", "v2", "v3", "v4" })
                await store.SaveCandidateAsync(owner, Guid.NewGuid(), UserCategoryModel.Load(artifact, version), new { accuracy = 0.5 }, CancellationToken.None);
        await store.ActivateAsync(user, "v1", CancellationToken.None);

        var deleted = await store.PruneAsync(user, keep: 2, CancellationToken.None);

        Assert.Equal(1, deleted);
        var left = await store.ListAsync(user, CancellationToken.None);
        Assert.Equal(["v1", "v3", "v4"], left.Select(v => v.ModelVersion).Order());
        Assert.True(left.Single(v => v.ModelVersion == "v1").Active);
        Assert.Equal(4, (await store.ListAsync(other, CancellationToken.None)).Count);
        Assert.Equal(0, await store.PruneAsync(user, keep: 2, CancellationToken.None)); // idempotent
    }
}
