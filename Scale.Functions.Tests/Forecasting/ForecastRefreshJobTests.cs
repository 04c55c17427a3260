using Microsoft.Extensions.DependencyInjection;
using Scale.Functions.Tests.Support;
using Scale.Functions.Triggers;

namespace Scale.Functions.Tests.Forecasting;

/// <summary>
/// The refresh timer refits what an import made stale, so the user's next read is a cache hit. An app of its own:
/// the job takes the longest-stale entries of every user, and the shared app holds many.
/// </summary>
public sealed class ForecastRefreshJobTests
{
    [Fact]
    public async Task The_refresh_job_refits_what_an_import_made_stale()
    {
        await using var app = await ScaleApp.StartAsync(new Dictionary<string, string?> { ["Forecasting:RefreshSeconds"] = "3600" });
        var user = await ForecastApiTests.UserWithTwoYearsAsync(app);
        Assert.True(await ForecastApiTests.StaleAsync(app, user.UserId));

        await app.Services.GetRequiredKeyedService<IScheduledJob>(ScheduledJobs.Names.ForecastRefresh).RunAsync(CancellationToken.None);

        Assert.False(await ForecastApiTests.StaleAsync(app, user.UserId));
    }
}
