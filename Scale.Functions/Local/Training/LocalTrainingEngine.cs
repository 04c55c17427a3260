using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Scale.Functions.Hosting;
using Scale.Functions.Training;
using CoreActivity = DurableTask.Core.TaskActivity;
using CoreOrchestration = DurableTask.Core.TaskOrchestration;

namespace Scale.Functions.Local.Training;

/// <summary>
/// The local host's Durable engine: DurableTask.Core's <see cref="TaskHubWorker"/> with the Azure Storage provider
/// (the provider Durable Functions uses by default) on Azurite, hosting the same Microsoft.DurableTask orchestrator
/// and activity classes as the Functions flavor through the SDK's shims. State lives in the task hub's queues and
/// tables, so a run survives a host restart: the next worker with the same id picks it up where the history ends.
/// Also the local <see cref="ITrainingRuns"/>: DurableTask.Core's client on the same task hub.
/// </summary>
public sealed class LocalTrainingEngine : IHostedService, ITrainingRuns, IAsyncDisposable
{
    private readonly AzureStorageOrchestrationService _service;
    private readonly TaskHubWorker _worker;
    private readonly TaskHubClient _client;
    private readonly ILogger<LocalTrainingEngine> _logger;

    public LocalTrainingEngine(IServiceProvider services, IConfiguration configuration, IOptions<TrainingOptions> options,
        ILoggerFactory loggerFactory, ILogger<LocalTrainingEngine> logger)
    {
        _logger = logger;
        var connection = StorageConnection(configuration) ?? throw new InvalidConfigurationException([MissingStorage]);
        var visibility = TimeSpan.FromSeconds(Math.Max(5, options.Value.VisibilityTimeoutSeconds));
        TaskHubName = configuration["TASKHUB_NAME"] is { Length: > 0 } hub ? hub : "scalelocal";
        _service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = TaskHubName,
            StorageAccountClientProvider = new StorageAccountClientProvider(connection),
            WorkerId = options.Value.WorkerId,
            ControlQueueVisibilityTimeout = visibility,
            WorkItemQueueVisibilityTimeout = visibility,
            // One partition: one local worker owns the hub; polling backs off to 2 s, not 30, when idle.
            PartitionCount = 1,
            MaxQueuePollingInterval = TimeSpan.FromSeconds(2),
            LoggerFactory = loggerFactory,
        });
        _worker = new TaskHubWorker(_service, loggerFactory);
        _client = new TaskHubClient(_service, loggerFactory: loggerFactory);

        var shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions(), loggerFactory);
        // The orchestration shim is stateful (one per execution): the creator builds a new one on every Create().
        foreach (var (name, type) in TrainingActivityTypes.Orchestrators)
            _worker.AddTaskOrchestrations(new ShimCreator<CoreOrchestration>(name,
                () => shims.CreateOrchestration(name, (ITaskOrchestrator)Activator.CreateInstance(type)!)));
        foreach (var (name, type) in TrainingActivityTypes.All)
            _worker.AddTaskActivities(new ShimCreator<CoreActivity>(name,
                () => shims.CreateActivity(name, SharedActivity.For(services.GetRequiredService(type)))));
    }

    public string TaskHubName { get; }

    internal const string MissingStorage =
        "AzureWebJobsStorage must be a connection string to the local stack's Azurite with blob, queue and table endpoints (scripts/local-stack.sh writes it to .local/stack.env).";

    /// <summary>The engine's storage, or null when it is missing or the Core Tools shorthand (its default ports are not our stack's).</summary>
    internal static string? StorageConnection(IConfiguration configuration) =>
        configuration["AzureWebJobsStorage"] is { Length: > 0 } value
        && !value.Contains("UseDevelopmentStorage", StringComparison.OrdinalIgnoreCase)
        && value.Contains("QueueEndpoint=", StringComparison.OrdinalIgnoreCase)
        && value.Contains("TableEndpoint=", StringComparison.OrdinalIgnoreCase) ? value : null;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _service.CreateIfNotExistsAsync();
        await _worker.StartAsync();
        _logger.LogInformation("Training engine started on task hub {TaskHub}", TaskHubName);
    }

    public Task StopAsync(CancellationToken cancellationToken) => _worker.StopAsync(isForced: true);

    public async Task ScheduleAsync(TrainingRunInput input, CancellationToken cancellationToken) =>
        await _client.CreateOrchestrationInstanceAsync(nameof(TrainingOrchestrator), string.Empty, input.JobId.ToString(), input);

    public async Task<TrainingRunState> GetStateAsync(Guid jobId, CancellationToken cancellationToken)
    {
        var state = await _client.GetOrchestrationStateAsync(jobId.ToString());
        return state?.OrchestrationStatus switch
        {
            null => TrainingRunState.Missing,
            OrchestrationStatus.Pending => TrainingRunState.Pending,
            OrchestrationStatus.Running or OrchestrationStatus.ContinuedAsNew or OrchestrationStatus.Suspended => TrainingRunState.Running,
            _ => TrainingRunState.Ended,
        };
    }

    public async Task TerminateAsync(Guid jobId, string reason, CancellationToken cancellationToken)
    {
        // DurableTask.Core sends the termination message even to an ended instance; only a live run needs one.
        if (await GetStateAsync(jobId, cancellationToken) is TrainingRunState.Missing or TrainingRunState.Ended) return;
        await _client.TerminateInstanceAsync(new OrchestrationInstance { InstanceId = jobId.ToString() }, reason);
    }

    public async Task<int> PurgeEndedAsync(DateTimeOffset createdBefore, CancellationToken cancellationToken) =>
        // The Azure Storage provider's filtered purge (what Durable Functions' PurgeAllInstancesAsync calls):
        // instances, history rows and large-payload blobs of runs created in the range with an ended status.
        (await _service.PurgeInstanceHistoryAsync(DateTime.UnixEpoch, createdBefore.UtcDateTime, EndedStatuses)).InstancesDeleted;

    private static readonly OrchestrationStatus[] EndedStatuses =
        [OrchestrationStatus.Completed, OrchestrationStatus.Failed, OrchestrationStatus.Terminated];

    /// <summary>The run's recorded history (tests check retries and replay against it).</summary>
    public async Task<string> GetHistoryAsync(Guid jobId)
    {
        var state = await _client.GetOrchestrationStateAsync(jobId.ToString())
            ?? throw new InvalidOperationException($"No training run {jobId} in task hub {TaskHubName}.");
        return await _client.GetOrchestrationHistoryAsync(state.OrchestrationInstance);
    }

    /// <summary>Removes the task hub's queues, tables and blobs (test hubs are throwaway).</summary>
    public Task DeleteTaskHubAsync() => _service.DeleteAsync();

    public ValueTask DisposeAsync()
    {
        _worker.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Names and versions ("" for unversioned) of what the worker hosts; every Create() builds a new instance.</summary>
    private sealed class ShimCreator<T> : ObjectCreator<T>
    {
        private readonly Func<T> _create;

        public ShimCreator(string name, Func<T> create)
        {
            Name = name;
            Version = string.Empty;
            _create = create;
        }

        public override T Create() => _create();
    }
}
