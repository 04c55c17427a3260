using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Scale.Functions.Infrastructure.Categorization;
using Scale.Functions.Infrastructure.Training;

namespace Scale.Functions.Training;

public static class TrainingServiceCollectionExtensions
{
    /// <summary>Stores, activities and the sweeper both hosts share; each host adds its engine client (<see cref="ITrainingRuns"/>).</summary>
    public static IServiceCollection AddScaleTraining(this IServiceCollection services)
    {
        services.AddOptions<TrainingOptions>().BindConfiguration("Training")
            .Validate(o => o.MaxRunMinutes >= 1 && o.MaxAttempts >= 1 && o.FirstRetrySeconds > 0 && o.VisibilityTimeoutSeconds >= 5
                && o.SweepGraceSeconds >= 0 && o.KeepVersions >= 1 && o.KeepHistoryDays >= 1 && !string.IsNullOrWhiteSpace(o.WorkerId),
                "Training: MaxRunMinutes ≥ 1, MaxAttempts ≥ 1, FirstRetrySeconds > 0, VisibilityTimeoutSeconds ≥ 5, SweepGraceSeconds ≥ 0, KeepVersions ≥ 1, KeepHistoryDays ≥ 1, WorkerId set.")
            .ValidateOnStart();
        // The engine logs every poll and lease at Information.
        services.AddLogging(logging => logging.AddFilter("DurableTask", LogLevel.Warning));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<TrainingJobStore>();
        services.AddSingleton<TrainingExampleStore>();
        services.AddSingleton<UserModelStore>();
        foreach (var (_, type) in TrainingActivityTypes.All) services.AddSingleton(type);
        services.AddSingleton<TrainingJobSweeper>();
        services.AddSingleton<TrainingHistoryPurger>();
        return services;
    }
}
