using System.Text.Json;
using DurableTask.Core.History;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Scale.Functions.Infrastructure.Training;
using Scale.Functions.Local.Training;
using Scale.Functions.Tests.Auth;
using Scale.Functions.Tests.Support;
using Scale.Functions.Tests.Throttling;
using Scale.Functions.Training;

namespace Scale.Functions.Tests.Training;

/// <summary>
/// What the sweeper and retention do to the engine itself (issue 8 items 2 and 6), on the real engine
/// (DurableTask.Core + Azure Storage on Azurite): an overrunning job is failed in Postgres and its run terminated in
/// the engine; the history of ended runs is purged once older than Training:KeepHistoryDays, never a running one.
/// A run is kept "running" by an activity that fails with a retry ten minutes away (a durable timer in the history).
/// </summary>
public sealed class TrainingEngineRetentionTests(TrainingEngineRetentionTests.LongRetryFixture fixture)
    : IClassFixture<TrainingEngineRetentionTests.LongRetryFixture>
{
    private ScaleApp App => fixture.App;
    private LocalTrainingEngine Engine => App.Services.GetRequiredService<LocalTrainingEngine>();

    [Fact]
    public async Task An_overrunning_job_is_failed_and_its_run_terminated_in_the_engine()
    {
        var (user, jobId) = await StartRunThatKeepsRetryingAsync();
        await TrainingClient.AgeJobAsync(App.Database, jobId, TimeSpan.FromHours(2));

        var failed = await Sweeper().SweepAsync(Engine, CancellationToken.None);

        Assert.Equal(1, failed);
        var job = (await App.Services.GetRequiredService<TrainingJobStore>().GetAsync(user, jobId, default))!;
        Assert.Equal("failed", job.Status);
        Assert.Contains("did not finish within 60 minutes", job.Error);
        // Termination is a message the worker processes: the run ends instead of waking up for its retry.
        await WaitForAsync(async () => await Engine.GetStateAsync(jobId, default) == TrainingRunState.Ended);
        Assert.Equal(1, await EventsAsync(jobId, EventType.ExecutionTerminated));
    }

    [Fact]
    public async Task Ended_runs_are_purged_after_the_retention_age_and_running_ones_never()
    {
        var finishedUser = ScaleApp.NewUserId();
        // No labelled data: the run fails its job at once and the orchestration completes.
        var finished = await TrainingClient.AcceptedJobIdAsync(await App.Client.SendAsync(
            App.Request(HttpMethod.Post, "/api/v1/training/jobs", finishedUser, ScaleApp.Json(new { }))));
        await TrainingClient.WaitForFinalAsync(App, finishedUser, finished);
        await WaitForAsync(async () => await Engine.GetStateAsync(finished, default) == TrainingRunState.Ended);
        var (_, running) = await StartRunThatKeepsRetryingAsync();
        var clock = new ManualClock();

        Assert.Equal(0, await Purger(clock).PurgeAsync(Engine, CancellationToken.None)); // younger than 30 days
        Assert.Equal(TrainingRunState.Ended, await Engine.GetStateAsync(finished, default));

        clock.Advance(TimeSpan.FromDays(31));
        var purged = await Purger(clock).PurgeAsync(Engine, CancellationToken.None);

        Assert.True(purged >= 1); // the other test's terminated run may be purged too
        Assert.Equal(TrainingRunState.Missing, await Engine.GetStateAsync(finished, default));
        Assert.Equal(TrainingRunState.Running, await Engine.GetStateAsync(running, default));
        // The person's record of the run is ours, not the engine's: it stays.
        Assert.Equal("failed", (await App.Services.GetRequiredService<TrainingJobStore>().GetAsync(finishedUser, finished, default))!.Status);
    }

    /// <summary>A run stuck in its training step: storing this user's candidate fails, and the retry is ten minutes away.</summary>
    private async Task<(string User, Guid JobId)> StartRunThatKeepsRetryingAsync()
    {
        var user = ScaleApp.NewUserId();
        await TrainingClient.RefuseCandidatesOfAsync(App, user);
        var jobId = await TrainingClient.AcceptedJobIdAsync(await TrainingClient.UploadAsync(App, user, TrainingClient.LabelledCsv(20)));
        // The first attempt has failed once the history holds its TaskFailed event; the retry timer is then pending.
        await WaitForAsync(async () => await Engine.GetStateAsync(jobId, default) == TrainingRunState.Running
            && await EventsAsync(jobId, EventType.TaskFailed) >= 1);
        return (user, jobId);
    }

    private async Task<int> EventsAsync(Guid jobId, EventType type) =>
        JsonDocument.Parse(await Engine.GetHistoryAsync(jobId)).RootElement.EnumerateArray()
            .Count(e => e.TryGetProperty("EventType", out var t) && t.GetInt32() == (int)type);

    private TrainingJobSweeper Sweeper() => new(App.Services.GetRequiredService<TrainingJobStore>(),
        Options.Create(new TrainingOptions { MaxRunMinutes = 60, SweepGraceSeconds = 0 }), TimeProvider.System,
        new CapturingLogger<TrainingJobSweeper>());

    private static TrainingHistoryPurger Purger(TimeProvider clock) =>
        new(Options.Create(new TrainingOptions { KeepHistoryDays = 30 }), clock, new CapturingLogger<TrainingHistoryPurger>());

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(TrainingClient.RunTimeout);
        while (!await condition()) await Task.Delay(200, timeout.Token);
    }

    /// <summary>A local host whose activities retry after ten minutes (so a failing run stays running), 3 attempts.</summary>
    public sealed class LongRetryFixture : IAsyncLifetime
    {
        public ScaleApp App { get; private set; } = null!;

        public async Task InitializeAsync() => App = await ScaleApp.StartAsync(new Dictionary<string, string?>
        {
            ["Training:MaxAttempts"] = "3",
            ["Training:FirstRetrySeconds"] = "600",
            ["RateLimiting:Training:Limit"] = "50",
        });

        public async Task DisposeAsync() => await App.DisposeAsync();
    }
}
