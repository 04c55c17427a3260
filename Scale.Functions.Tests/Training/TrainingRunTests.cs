using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Scale.Functions.Local.Training;
using Scale.Functions.Tests.Support;

namespace Scale.Functions.Tests.Training;

/// <summary>Training runs end to end on the real Durable engine (DurableTask.Core + Azure Storage on Azurite), observed through the API.</summary>
public sealed class TrainingRunTests(TrainingAppFixture fixture) : IClassFixture<TrainingAppFixture>
{
    private ScaleApp App => fixture.App;

    [Fact]
    public async Task Labelled_upload_trains_a_model_that_classifies_the_users_payees_their_way()
    {
        var user = ScaleApp.NewUserId();
        var jobId = await TrainingClient.AcceptedJobIdAsync(await TrainingClient.UploadAsync(App, user, TrainingClient.LabelledCsv(40)));

        var (final, seen) = await TrainingClient.WaitForFinalAsync(App, user, jobId);

        Assert.Equal("completed", final.GetProperty("status").GetString());
        Assert.Equal("done", final.GetProperty("step").GetString());
        Assert.Equal(1.0, final.GetProperty("progress").GetDouble());
        Assert.Equal("completed:done", seen[^1]);
        var metrics = final.GetProperty("metrics");
        Assert.Equal(32, metrics.GetProperty("n_train").GetInt32());
        Assert.Equal(8, metrics.GetProperty("n_test").GetInt32());
        Assert.True(metrics.GetProperty("published").GetBoolean());
        Assert.True(metrics.GetProperty("accuracy").GetDouble() > metrics.GetProperty("baseline_accuracy").GetDouble());
        Assert.True(metrics.GetProperty("per_class_f1").TryGetProperty("Rent", out _));
        var version = final.GetProperty("model_version").GetString();
        Assert.StartsWith("user-", version);
        Assert.False(final.GetProperty("started_at").ValueKind == JsonValueKind.Null);
        Assert.False(final.GetProperty("completed_at").ValueKind == JsonValueKind.Null);

        // The landlord, with a narration the model never saw, is Rent for this user, from their model...
        var classified = await ClassifyAsync(user, "UPI/RAMESH KUMAR/ramesh.kumar@okaxis/june rent/998877");
        Assert.Equal("Rent", classified.GetProperty("category").GetString());
        Assert.Equal("model", classified.GetProperty("source").GetString());
        Assert.Equal(version, classified.GetProperty("model_version").GetString());
        // ...and not for anyone else.
        var other = await ClassifyAsync(ScaleApp.NewUserId(), "UPI/RAMESH KUMAR/ramesh.kumar@okaxis/june rent/998877");
        Assert.NotEqual(version, other.GetProperty("model_version").GetString());

        // The labelled rows were imported as the user's transactions.
        await using var count = App.Database.CreateCommand("SELECT count(*) FROM transactions WHERE user_id = $1");
        count.Parameters.Add(new NpgsqlParameter { Value = user });
        Assert.Equal(40L, await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Retraining_on_the_same_data_ties_and_keeps_the_active_model()
    {
        var user = ScaleApp.NewUserId();
        var first = await TrainingClient.AcceptedJobIdAsync(await TrainingClient.UploadAsync(App, user, TrainingClient.LabelledCsv(40)));
        var (firstFinal, _) = await TrainingClient.WaitForFinalAsync(App, user, first);
        var activeVersion = firstFinal.GetProperty("model_version").GetString();

        // Same file again: no new rows, no new examples; the retrained candidate scores the same, so it is not published.
        var second = await TrainingClient.AcceptedJobIdAsync(await TrainingClient.UploadAsync(App, user, TrainingClient.LabelledCsv(40)));
        var (final, _) = await TrainingClient.WaitForFinalAsync(App, user, second);

        Assert.Equal("completed", final.GetProperty("status").GetString());
        var metrics = final.GetProperty("metrics");
        Assert.False(metrics.GetProperty("published").GetBoolean());
        Assert.Equal(metrics.GetProperty("baseline_accuracy").GetDouble(), metrics.GetProperty("accuracy").GetDouble());
        Assert.Equal(activeVersion, metrics.GetProperty("baseline_model_version").GetString());
        Assert.Equal(activeVersion, final.GetProperty("model_version").GetString());

        var checkpoints = await (await App.Client.SendAsync(App.Request(HttpMethod.Get, "/api/v1/training/checkpoints", user)))
            .Content.ReadFromJsonAsync<JsonElement>();
        var items = checkpoints.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        Assert.Equal(activeVersion, Assert.Single(items, i => i.GetProperty("active").GetBoolean()).GetProperty("model_version").GetString());
        Assert.All(items, i => Assert.True(i.GetProperty("metrics").TryGetProperty("accuracy", out _)));
    }

    [Fact]
    public async Task Event_stream_reports_each_change_and_ends_with_the_final_status()
    {
        var user = ScaleApp.NewUserId();
        var jobId = await TrainingClient.AcceptedJobIdAsync(await TrainingClient.UploadAsync(App, user, TrainingClient.LabelledCsv(40)));

        var events = await TrainingClient.ReadEventsAsync(App, user, jobId);

        Assert.NotEmpty(events);
        Assert.Equal("completed", events[^1].GetProperty("status").GetString());
        Assert.Equal(jobId, events[^1].GetProperty("job_id").GetGuid());
        var progress = events.Select(e => e.GetProperty("progress").GetDouble()).ToList();
        Assert.Equal(progress.Order().ToList(), progress);
        Assert.All(events[..^1], e => Assert.NotEqual("completed", e.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Another_users_job_is_not_found()
    {
        var owner = ScaleApp.NewUserId();
        var jobId = await TrainingClient.AcceptedJobIdAsync(await App.Client.SendAsync(App.Request(HttpMethod.Post, "/api/v1/training/jobs", owner, ScaleApp.Json(new { }))));

        var stranger = ScaleApp.NewUserId();
        await (await App.Client.SendAsync(App.Request(HttpMethod.Get, $"/api/v1/training/status/{jobId}", stranger))).AssertProblemAsync(404);
        await (await App.Client.SendAsync(App.Request(HttpMethod.Get, $"/api/v1/training/status/{jobId}/events", stranger))).AssertProblemAsync(404);
        await TrainingClient.WaitForFinalAsync(App, owner, jobId);
    }

    [Fact]
    public async Task Too_little_data_fails_the_job_with_a_reason()
    {
        var user = ScaleApp.NewUserId();
        var jobId = await TrainingClient.AcceptedJobIdAsync(await App.Client.SendAsync(App.Request(HttpMethod.Post, "/api/v1/training/jobs", user, ScaleApp.Json(new { }))));

        var (final, _) = await TrainingClient.WaitForFinalAsync(App, user, jobId);

        Assert.Equal("failed", final.GetProperty("status").GetString());
        Assert.Contains("at least 10 labelled transactions", final.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_failing_activity_is_retried_per_policy_then_the_job_fails_with_the_error()
    {
        var user = ScaleApp.NewUserId();
        await TrainingClient.RefuseCandidatesOfAsync(App, user);

        var jobId = await TrainingClient.AcceptedJobIdAsync(await TrainingClient.UploadAsync(App, user, TrainingClient.LabelledCsv(20)));
        var (final, _) = await TrainingClient.WaitForFinalAsync(App, user, jobId);

        Assert.Equal("failed", final.GetProperty("status").GetString());
        var error = final.GetProperty("error").GetString();
        Assert.Contains("TrainCandidateActivity", error);
        Assert.Contains("2 attempts", error);
        Assert.Contains("disk full (injected)", error);
        // The engine's history shows the policy at work: the activity was scheduled twice.
        var history = await App.Services.GetRequiredService<LocalTrainingEngine>().GetHistoryAsync(jobId);
        var scheduled = JsonDocument.Parse(history).RootElement.EnumerateArray()
            .Count(e => e.TryGetProperty("EventType", out var t) && t.GetInt32() == 4 && e.GetProperty("Name").GetString() == "TrainCandidateActivity");
        Assert.Equal(2, scheduled);
    }

    [Fact]
    public async Task Unknown_category_in_a_training_file_is_422_and_stores_nothing()
    {
        var user = ScaleApp.NewUserId();
        var csv = TrainingClient.LabelledCsv(12).Replace("\"Rent\"", "\"Spaceships\"", StringComparison.Ordinal);

        var body = await (await TrainingClient.UploadAsync(App, user, csv)).AssertProblemAsync(422, "unknown_category");

        Assert.Contains("'Spaceships'", body.GetProperty("detail").GetString());
        await using var count = App.Database.CreateCommand("SELECT (SELECT count(*) FROM transactions WHERE user_id = $1) + (SELECT count(*) FROM training_jobs WHERE user_id = $1)");
        count.Parameters.Add(new NpgsqlParameter { Value = user });
        Assert.Equal(0L, await count.ExecuteScalarAsync());
    }

    private async Task<JsonElement> ClassifyAsync(string user, string description)
    {
        var response = await App.Client.SendAsync(App.Request(HttpMethod.Post, "/api/v1/categorization/classify", user, ScaleApp.Json(new { description, type = "debit", amount = 15000 })));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
