using Microsoft.Azure.Functions.Worker;
using Moq;
using Scale.Functions.Azure.Blob;
using Scale.Functions.Azure.Timers;
using Scale.Functions.Triggers;

namespace Scale.Functions.Tests.FunctionsFlavor;

/// <summary>The non-HTTP functions hand exactly what the host gives them to the host-neutral code, and nothing else.</summary>
public sealed class TriggerBindingTests
{
    [Fact]
    public async Task The_blob_function_hands_name_content_and_cancellation_to_the_processor()
    {
        var handler = new Mock<IStatementBlobHandler>(MockBehavior.Strict);
        using var content = new MemoryStream("Date,Narration\n"u8.ToArray());
        using var cancellation = new CancellationTokenSource();
        handler.Setup(h => h.ProcessAsync("user-1/upload-9/march.csv", content, cancellation.Token)).Returns(Task.CompletedTask).Verifiable();

        await new StatementBlobFunction(handler.Object).Run(content, "user-1/upload-9/march.csv", cancellation.Token);

        handler.Verify();
    }

    [Fact]
    public async Task A_processor_failure_propagates_so_the_host_retries_the_blob()
    {
        var handler = new Mock<IStatementBlobHandler>();
        handler.Setup(h => h.ProcessAsync(It.IsAny<string>(), It.IsAny<Stream>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new TimeoutException("database saturated"));

        await Assert.ThrowsAsync<TimeoutException>(() =>
            new StatementBlobFunction(handler.Object).Run(Stream.Null, "user-1/u/f.csv", CancellationToken.None));
    }

    [Fact]
    public async Task The_timer_functions_run_their_job_once_per_tick()
    {
        var refresh = new Mock<IScheduledJob>(MockBehavior.Strict);
        var sweep = new Mock<IScheduledJob>(MockBehavior.Strict);
        refresh.Setup(j => j.RunAsync(It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        sweep.Setup(j => j.RunAsync(It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        await new ModelRefreshFunction(refresh.Object).Run(new TimerInfo(), CancellationToken.None);
        await new StalledUploadSweepFunction(sweep.Object).Run(new TimerInfo(), CancellationToken.None);

        refresh.Verify(j => j.RunAsync(It.IsAny<CancellationToken>()), Times.Once);
        sweep.Verify(j => j.RunAsync(It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public void The_timer_functions_receive_the_job_registered_under_their_name()
    {
        using var services = FunctionInvocations.AppServices();
        foreach (var job in ScheduledJobs.All)
            Assert.NotNull(Microsoft.Extensions.DependencyInjection.ServiceProviderKeyedServiceExtensions.GetRequiredKeyedService<IScheduledJob>(services, job.Name));
        // The worker creates function classes with ActivatorUtilities, which honours [FromKeyedServices].
        Assert.NotNull(Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateInstance<ModelRefreshFunction>(services));
        Assert.NotNull(Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateInstance<StalledUploadSweepFunction>(services));
    }
}
