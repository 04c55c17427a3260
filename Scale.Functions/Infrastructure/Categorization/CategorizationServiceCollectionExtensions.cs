using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Scale.Domain.Categorization;
using Scale.Domain.Ingestion;

namespace Scale.Functions.Infrastructure.Categorization;

public static class CategorizationServiceCollectionExtensions
{
    public static IServiceCollection AddScaleCategorization(this IServiceCollection services)
    {
        // One holder per process: the shipped artifact is read once, lazily, even under concurrent first requests.
        services.AddSingleton(sp => ClassifierHolder.FromFile(ShippedModel.Locate(sp.GetRequiredService<IConfiguration>())));
        services.AddSingleton(sp => new CategorizationEngine(sp.GetRequiredService<ClassifierHolder>()));
        services.AddSingleton<CategoryRuleStore>();
        services.AddSingleton<MerchantOverrideStore>();
        services.AddSingleton<CategoryRuleRemoval>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ClassifierModelStore>();
        services.AddSingleton<ModelRefresher>();
        services.AddSingleton<CategorizationService>();
        services.AddSingleton<ITransactionEnricher, CategorizingEnricher>(); // imports categorize the same way
        services.AddSingleton<IReadinessCheck, ClassifierReadiness>();
        services.AddHostedService<WarmClassifierOnStart>();
        return services;
    }

    /// <summary>Loads the model before traffic arrives, so no user request pays for it.</summary>
    private sealed class WarmClassifierOnStart(ClassifierHolder holder) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            _ = holder.Current;
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
