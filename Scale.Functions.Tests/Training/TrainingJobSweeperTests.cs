using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Moq;
using Npgsql;
using Scale.Functions.Infrastructure.Training;
using Scale.Functions.Tests.Support;
using Scale.Functions.Tests.Throttling;
using Scale.Functions.Training;

namespace Scale.Functions.Tests.Training;

/// <summary>
/// No job stays processing silently (BUG-01): the sweeper fails unfinished jobs whose run ended or vanished, and any
/// job past the time limit, with a readable error and a warning; jobs still running in time, or just created, stay.
/// Real database; the engine's answers are mocked per job.
/// </summary>
[Collection(ScaleAppCollection.Name)]
public sealed class TrainingJobSweeperTests(ScaleAppFixture fixture)
{
    private readonly Dictionary<Guid, TrainingRunState> _runs = [];
    private NpgsqlDataSource Db => fixture.App.Services.GetRequiredService<NpgsqlDataSource>();
    private TrainingJobStore Jobs => new(Db);

    [Fact]
    public async Task Jobs_whose_run_ended_vanished_or_overran_are_failed_and_the_rest_are_left_alone()
    {
        var user = ScaleApp.NewUserId();
        var vanished = await JobAsync(user, "processing", TimeSpan.FromMinutes(10), TrainingRunState.Missing);
        var ended = await JobAsync(user, "processing", TimeSpan.FromMinutes(10), TrainingRunState.Ended);
        var overran = await JobAsync(user, "processing", TimeSpan.FromMinutes(61), TrainingRunState.Running);
        var running = await JobAsync(user, "processing", TimeSpan.FromMinutes(10), TrainingRunState.Running);
        var pending = await JobAsync(user, "queued", TimeSpan.FromMinutes(10), TrainingRunState.Pending);
        var justQueued = await JobAsync(user, "queued", TimeSpan.FromSeconds(10), TrainingRunState.Missing);
        var logger = new CapturingLogger<TrainingJobSweeper>();

        var failed = await Sweeper(logger).SweepAsync(Runs(), CancellationToken.None);

        Assert.True(failed >= 3); // other tests' jobs in this database may be swept too
        Assert.Equal(TrainingJobSweeper.VanishedError, (await Jobs.GetAsync(user, vanished, default))!.Error);
        Assert.Equal(TrainingJobSweeper.VanishedError, (await Jobs.GetAsync(user, ended, default))!.Error);
        var late = (await Jobs.GetAsync(user, overran, default))!;
        Assert.Equal(("failed", "failed"), (late.Status, late.Step));
        Assert.Contains("did not finish within 60 minutes", late.Error);
        Assert.NotNull(late.CompletedAt);
        Assert.Equal("processing", (await Jobs.GetAsync(user, running, default))!.Status);
        Assert.Equal("queued", (await Jobs.GetAsync(user, pending, default))!.Status);
        Assert.Equal("queued", (await Jobs.GetAsync(user, justQueued, default))!.Status);
        Assert.True(logger.Count(LogLevel.Warning) >= 3);
        // Only the overrunning run is still alive in the engine: it alone is terminated there.
        _engine.Verify(r => r.TerminateAsync(overran, It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Once);
        foreach (var id in new[] { vanished, ended, running, pending, justQueued })
            _engine.Verify(r => r.TerminateAsync(id, It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task A_refused_termination_still_leaves_the_overrunning_job_failed()
    {
        var user = ScaleApp.NewUserId();
        var overran = await JobAsync(user, "processing", TimeSpan.FromMinutes(90), TrainingRunState.Running);
        var runs = Runs();
        _engine.Setup(r => r.TerminateAsync(overran, It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("engine unreachable"));
        var logger = new CapturingLogger<TrainingJobSweeper>();

        await Sweeper(logger).SweepAsync(runs, CancellationToken.None);

        Assert.Equal("failed", (await Jobs.GetAsync(user, overran, default))!.Status);
        Assert.True(logger.Count(LogLevel.Warning) >= 2); // the stuck job, and the refused termination
    }

    [Fact]
    public async Task A_finished_job_is_never_reopened_or_failed()
    {
        var user = ScaleApp.NewUserId();
        var done = await JobAsync(user, "processing", TimeSpan.FromHours(3), TrainingRunState.Missing);
        Assert.True(await Jobs.CompleteAsync(done, user, new { accuracy = 1.0 }, null, default));

        await Sweeper(new CapturingLogger<TrainingJobSweeper>()).SweepAsync(Runs(), CancellationToken.None);

        var job = (await Jobs.GetAsync(user, done, default))!;
        Assert.Equal("completed", job.Status);
        Assert.Null(job.Error);
        // A late activity (a rerun after the job ended) cannot move it either.
        Assert.False(await Jobs.StepAsync(done, user, TrainingSteps.Training, 0.3, default));
        Assert.False(await Jobs.FailAsync(done, user, "late", default));
    }

    private TrainingJobSweeper Sweeper(ILogger<TrainingJobSweeper> logger) =>
        new(Jobs, Options.Create(new TrainingOptions { MaxRunMinutes = 60, SweepGraceSeconds = 120 }), TimeProvider.System, logger);

    private readonly Mock<ITrainingRuns> _engine = new();

    private ITrainingRuns Runs()
    {
        var runs = _engine;
        runs.Setup(r => r.GetStateAsync(It.IsAny<Guid>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((Guid id, CancellationToken _) => _runs.GetValueOrDefault(id, TrainingRunState.Running));
        return runs.Object;
    }

    private async Task<Guid> JobAsync(string user, string status, TimeSpan age, TrainingRunState run)
    {
        var jobId = Guid.CreateVersion7();
        await Jobs.CreateAsync(jobId, user, "api", null, default);
        if (status == "processing") await Jobs.StepAsync(jobId, user, TrainingSteps.Training, 0.3, default);
        await TrainingClient.AgeJobAsync(Db, jobId, age);
        _runs[jobId] = run;
        return jobId;
    }
}
