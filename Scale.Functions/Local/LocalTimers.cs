using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Scale.Functions.Infrastructure.Categorization;
using Scale.Functions.Triggers;

namespace Scale.Functions.Local;

/// <summary>
/// The local host's stand-in for the Functions TimerTriggers: the same host-neutral work on PeriodicTimers.
/// Categorization__RefreshSeconds (default 60): how soon a published model reaches this instance.
/// Ingestion__SweepSeconds (default 300): how often stalled uploads are looked for.
/// </summary>
public sealed class LocalTimers(ModelRefresher refresher, StalledUploadSweeper sweeper, IConfiguration configuration, ILogger<LocalTimers> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.WhenAll(
        // A published model should reach a new instance at once; anything a sweep could find is minutes old anyway.
        EveryAsync("model refresh", configuration.GetValue("Categorization:RefreshSeconds", 60), refresher.RefreshAsync, runAtStart: true, stoppingToken),
        EveryAsync("stalled upload sweep", configuration.GetValue("Ingestion:SweepSeconds", 300), sweeper.SweepAsync, runAtStart: false, stoppingToken));

    private async Task EveryAsync<T>(string job, int seconds, Func<CancellationToken, Task<T>> work, bool runAtStart, CancellationToken stoppingToken)
    {
        var period = TimeSpan.FromSeconds(Math.Max(1, seconds));
        using var timer = new PeriodicTimer(period);
        if (!runAtStart && !await timer.WaitForNextTickAsync(stoppingToken)) return;
        do
        {
            try { await work(stoppingToken); }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Timer job {Job} failed; retrying in {PeriodSeconds} s", job, period.TotalSeconds);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
