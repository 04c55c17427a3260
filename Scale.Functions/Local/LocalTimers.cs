using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Scale.Functions.Infrastructure.Categorization;

namespace Scale.Functions.Local;

/// <summary>
/// The local host's stand-in for the Functions TimerTriggers: the same host-neutral work on a PeriodicTimer.
/// Categorization__RefreshSeconds (default 60) sets how soon a published model reaches this instance.
/// </summary>
public sealed class LocalTimers(ModelRefresher refresher, IConfiguration configuration, ILogger<LocalTimers> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Categorization:RefreshSeconds", 60)));
        using var timer = new PeriodicTimer(period);
        do
        {
            try { await refresher.RefreshAsync(stoppingToken); }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Model refresh failed; retrying in {PeriodSeconds} s", period.TotalSeconds);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
