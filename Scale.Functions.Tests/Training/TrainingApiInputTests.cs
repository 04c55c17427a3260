using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Scale.Functions.Hosting;
using Scale.Functions.Local;
using Scale.Functions.Tests.Support;

namespace Scale.Functions.Tests.Training;

/// <summary>Bad input to the training API is a clear 4xx problem that starts nothing; starting runs is throttled per user.</summary>
public sealed class TrainingApiInputTests(TrainingAppFixture fixture) : IClassFixture<TrainingAppFixture>
{
    private ScaleApp App => fixture.App;

    [Theory]
    [InlineData("[]", "application/json", 400)]
    [InlineData("{\"oops\"", "application/json", 400)]
    [InlineData("retrain please", "text/plain", 415)]
    public async Task A_start_request_that_is_not_an_empty_object_is_refused(string body, string contentType, int status)
    {
        var user = ScaleApp.NewUserId();
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);

        await (await App.Client.SendAsync(App.Request(HttpMethod.Post, "/api/v1/training/jobs", user, content))).AssertProblemAsync(status);

        await AssertNoJobsAsync(user);
    }

    [Fact]
    public async Task A_job_id_that_is_not_a_uuid_is_400_and_an_unknown_one_404()
    {
        var user = ScaleApp.NewUserId();
        await (await App.Client.SendAsync(App.Request(HttpMethod.Get, "/api/v1/training/status/not-a-job", user))).AssertProblemAsync(400);
        await (await App.Client.SendAsync(App.Request(HttpMethod.Get, "/api/v1/training/status/not-a-job/events", user))).AssertProblemAsync(400);
        await (await App.Client.SendAsync(App.Request(HttpMethod.Get, $"/api/v1/training/status/{Guid.NewGuid()}", user))).AssertProblemAsync(404);
    }

    [Fact]
    public async Task A_training_file_without_labels_or_that_is_not_a_statement_is_refused()
    {
        var user = ScaleApp.NewUserId();
        var unlabelled = "Date,Description,Amount,Type\n01/01/2026,UPI/ZOMATO/zomato@hdfcbank/order,450.00,Dr\n";
        await (await TrainingClient.UploadAsync(App, user, unlabelled)).AssertProblemAsync(422, "no_labels");
        await (await TrainingClient.UploadAsync(App, user, "just some words\n")).AssertProblemAsync(422);
        await AssertNoJobsAsync(user);
    }

    [Fact]
    public async Task The_user_has_no_checkpoints_before_training()
    {
        var response = await App.Client.SendAsync(App.Request(HttpMethod.Get, "/api/v1/training/checkpoints", ScaleApp.NewUserId()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"items\":[]}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Starting_runs_is_throttled_by_the_training_tier()
    {
        await using var app = await ScaleApp.StartAsync(new Dictionary<string, string?> { ["RateLimiting:Training:Limit"] = "2" });
        var user = ScaleApp.NewUserId();
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.Accepted, (await app.Client.SendAsync(app.Request(HttpMethod.Post, "/api/v1/training/jobs", user, ScaleApp.Json(new { })))).StatusCode);

        var throttled = await app.Client.SendAsync(app.Request(HttpMethod.Post, "/api/v1/training/jobs", user, ScaleApp.Json(new { })));

        await throttled.AssertProblemAsync(429);
        Assert.True(throttled.Headers.Contains("Retry-After"));
    }

    [Fact]
    public void The_local_host_does_not_start_without_queue_and_table_storage()
    {
        foreach (var storage in new[] { "", "UseDevelopmentStorage=true", StackSettings.Storage })
        {
            var error = Assert.Throws<InvalidConfigurationException>(() => LocalHost.Build([], new Dictionary<string, string?>
            {
                ["ConnectionStrings:Postgres"] = StackSettings.Postgres,
                ["AzureWebJobsStorage"] = storage,
            }));
            Assert.Contains(error.Problems, p => p.Contains("AzureWebJobsStorage", StringComparison.Ordinal));
        }
    }

    private async Task AssertNoJobsAsync(string user)
    {
        await using var count = App.Database.CreateCommand("SELECT count(*) FROM training_jobs WHERE user_id = $1");
        count.Parameters.Add(new Npgsql.NpgsqlParameter { Value = user });
        Assert.Equal(0L, await count.ExecuteScalarAsync());
    }
}
