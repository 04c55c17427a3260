using Microsoft.Extensions.DependencyInjection;
using Scale.Functions.Infrastructure.Anomalies;
using Scale.Functions.Infrastructure.Categorization;
using Scale.Functions.Infrastructure.Forecasting;
using Scale.Functions.Infrastructure.Idempotency;
using Scale.Functions.Infrastructure.Transactions;
using Scale.Functions.Training;

namespace Scale.Functions.Triggers;

/// <summary>Work a timer starts: a <c>[TimerTrigger]</c> in the Functions host, a PeriodicTimer in the local host.</summary>
public interface IScheduledJob
{
    Task RunAsync(CancellationToken cancellationToken);
}

/// <summary>One timer job as both hosts see it: name (function name and DI key), schedule, local period setting.</summary>
/// <param name="DefaultPeriodSeconds">The period the Functions cron expresses; the local host reads <paramref name="PeriodSetting"/> first.</param>
/// <param name="RunAtStart">Local host: run once at start instead of after the first period.</param>
public sealed record ScheduledJob(string Name, string Cron, string PeriodSetting, int DefaultPeriodSeconds, bool RunAtStart);

/// <summary>The single list of timer jobs; the parity tests hold both hosts to it.</summary>
public static class ScheduledJobs
{
    public static class Names
    {
        public const string ModelRefresh = "ModelRefreshFunction";
        public const string StalledUploadSweep = "StalledUploadSweepFunction";
        public const string TrainingJobSweep = "TrainingJobSweepFunction";
        public const string TrainingHistoryPurge = "TrainingHistoryPurgeFunction";
        public const string IdempotencyKeyPurge = "IdempotencyKeyPurgeFunction";
        public const string AnomalyRecompute = "AnomalyRecomputeFunction";
        public const string ForecastRefresh = "ForecastRefreshFunction";
        public const string ReferenceKeyBackfill = "ReferenceKeyBackfillFunction";
    }

    /// <summary>NCRONTAB (with seconds) for the TimerTrigger attributes, which need constants.</summary>
    public static class Cron
    {
        public const string EveryMinute = "0 */1 * * * *";
        public const string EveryFiveMinutes = "0 */5 * * * *";
        public const string DailyAtThreeThirty = "0 30 3 * * *";
        public const string Hourly = "0 0 * * * *";
    }

    // A published model should reach a new instance at once; anything a sweep could find is minutes old anyway.
    public static readonly ScheduledJob ModelRefresh = new(Names.ModelRefresh, Cron.EveryMinute, "Categorization:RefreshSeconds", 60, RunAtStart: true);
    public static readonly ScheduledJob StalledUploadSweep = new(Names.StalledUploadSweep, Cron.EveryFiveMinutes, "Ingestion:SweepSeconds", 300, RunAtStart: false);

    public static readonly ScheduledJob TrainingJobSweep = new(Names.TrainingJobSweep, Cron.EveryFiveMinutes, "Training:SweepSeconds", 300, RunAtStart: false);

    // Retention counts in days: once a day is enough, at an hour with little traffic (UTC 03:30 is 09:00 IST).
    public static readonly ScheduledJob TrainingHistoryPurge = new(Names.TrainingHistoryPurge, Cron.DailyAtThreeThirty, "Training:PurgeSeconds", 86_400, RunAtStart: false);

    // Keys are kept 24 hours and an expired one is never replayed, so an hourly purge only bounds the table's size.
    public static readonly ScheduledJob IdempotencyKeyPurge = new(Names.IdempotencyKeyPurge, Cron.Hourly, "Idempotency:PurgeSeconds", 3600, RunAtStart: false);

    // Alerts should follow an import within about a minute; running at start picks up marks left by a stopped instance.
    public static readonly ScheduledJob AnomalyRecompute = new(Names.AnomalyRecompute, Cron.EveryMinute, "Anomaly:RecomputeSeconds", 60, RunAtStart: true);

    // A forecast marked stale by an import is refitted before the user is likely to look (a read refits at once anyway).
    public static readonly ScheduledJob ForecastRefresh = new(Names.ForecastRefresh, Cron.EveryMinute, "Forecasting:RefreshSeconds", 60, RunAtStart: false);

    // Rows stored before 0008 get their reference keys a bounded batch at a time; once done, a run is one row read.
    public static readonly ScheduledJob ReferenceKeyBackfill = new(Names.ReferenceKeyBackfill, Cron.EveryFiveMinutes, "Ingestion:ReferenceBackfillSeconds", 300, RunAtStart: true);

    public static IReadOnlyList<ScheduledJob> All { get; } =
        [ModelRefresh, StalledUploadSweep, TrainingJobSweep, TrainingHistoryPurge, IdempotencyKeyPurge, AnomalyRecompute, ForecastRefresh,
         ReferenceKeyBackfill];

    /// <summary>Each job's implementation, keyed by <see cref="ScheduledJob.Name"/>.</summary>
    public static IServiceCollection AddScheduledJobs(this IServiceCollection services)
    {
        services.AddKeyedSingleton<IScheduledJob>(Names.ModelRefresh, (sp, _) => sp.GetRequiredService<ModelRefresher>());
        services.AddKeyedSingleton<IScheduledJob>(Names.StalledUploadSweep, (sp, _) => sp.GetRequiredService<StalledUploadSweeper>());
        services.AddKeyedSingleton<IScheduledJob>(Names.TrainingJobSweep, (sp, _) => sp.GetRequiredService<TrainingJobSweeper>());
        services.AddKeyedSingleton<IScheduledJob>(Names.TrainingHistoryPurge, (sp, _) => sp.GetRequiredService<TrainingHistoryPurger>());
        services.AddKeyedSingleton<IScheduledJob>(Names.IdempotencyKeyPurge, (sp, _) => sp.GetRequiredService<IdempotencyKeyPurger>());
        services.AddKeyedSingleton<IScheduledJob>(Names.AnomalyRecompute, (sp, _) => sp.GetRequiredService<AnomalyRecomputeJob>());
        services.AddKeyedSingleton<IScheduledJob>(Names.ForecastRefresh, (sp, _) => sp.GetRequiredService<ForecastRefreshJob>());
        services.AddKeyedSingleton<IScheduledJob>(Names.ReferenceKeyBackfill, (sp, _) => sp.GetRequiredService<ReferenceKeyBackfillJob>());
        return services;
    }
}
