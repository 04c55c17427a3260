using Microsoft.Azure.Functions.Worker;
using Scale.Functions.Infrastructure.Categorization;

namespace Scale.Functions.Azure.Timers;

/// <summary>Every minute: swap in a newly published classifier (host-neutral <see cref="ModelRefresher"/>).</summary>
public sealed class ModelRefreshFunction(ModelRefresher refresher)
{
    [Function(nameof(ModelRefreshFunction))]
    public Task Run([TimerTrigger("0 */1 * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        refresher.RefreshAsync(cancellationToken);
}
