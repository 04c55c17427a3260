using Microsoft.Extensions.DependencyInjection;
using Scale.Functions.Infrastructure.Uploads;
using Scale.Functions.Triggers;

namespace Scale.Functions.Infrastructure.Transactions;

public static class IngestionServiceCollectionExtensions
{
    /// <summary>The import pipeline, stores and blob processor both hosts use (the watcher is the local host's).</summary>
    public static IServiceCollection AddScaleIngestion(this IServiceCollection services)
    {
        services.AddOptions<IngestionOptions>().BindConfiguration("Ingestion");
        services.AddSingleton<UserTransactionsChanged>();
        services.AddSingleton<TransactionImporter>();
        services.AddSingleton<TransactionQueries>();
        services.AddSingleton<TransferLinks>();
        services.AddSingleton<PageCursors>();
        services.AddSingleton<UploadStore>();
        services.AddSingleton<StatementBlobProcessor>();
        services.AddSingleton<IStatementBlobHandler>(sp => sp.GetRequiredService<StatementBlobProcessor>());
        services.AddSingleton<StalledUploadSweeper>();
        services.AddSingleton<ReferenceKeyBackfillJob>();
        return services;
    }
}
