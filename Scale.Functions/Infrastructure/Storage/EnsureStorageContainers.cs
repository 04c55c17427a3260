using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Scale.Functions.Infrastructure.Storage;

/// <summary>Creates the statement containers at start. Storage being down must not stop the API: readiness reports it.</summary>
public sealed class EnsureStorageContainers(IStatementStorage storage, ILogger<EnsureStorageContainers> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            await storage.EnsureContainersAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Could not create the statement containers; uploads fail until storage is reachable");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
