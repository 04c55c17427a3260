using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Scale.Functions.Triggers;

namespace Scale.Functions.Local;

/// <summary>
/// The local host's stand-in for the Functions TimerTriggers: every <see cref="ScheduledJobs.All"/> job on a
/// PeriodicTimer whose period comes from the job's setting (e.g. Categorization__RefreshSeconds), else its default.
/// </summary>
public sealed class LocalTimers(IServiceProvider services, IConfiguration configuration, ILogger<LocalTimers> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(ScheduledJobs.All.Select(job => EveryAsync(job, services.GetRequiredKeyedService<IScheduledJob>(job.Name), stoppingToken)));

    private async Task EveryAsync(ScheduledJob job, IScheduledJob work, CancellationToken stoppingToken)
    {
        var period = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue(job.PeriodSetting, job.DefaultPeriodSeconds)));
        using var timer = new PeriodicTimer(period);
        if (!job.RunAtStart && !await timer.WaitForNextTickAsync(stoppingToken)) return;
        do
        {
            try { await work.RunAsync(stoppingToken); }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Timer job {Job} failed; retrying in {PeriodSeconds} s", job.Name, period.TotalSeconds);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
