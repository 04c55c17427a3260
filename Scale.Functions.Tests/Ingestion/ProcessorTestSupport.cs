using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Scale.Domain.Ingestion;
using Scale.Functions.Infrastructure.Storage;
using Scale.Functions.Infrastructure.Transactions;
using Scale.Functions.Infrastructure.Uploads;
using Scale.Functions.Tests.Support;
using Scale.Functions.Triggers;

namespace Scale.Functions.Tests.Ingestion;

/// <summary>A real <see cref="StatementBlobProcessor"/> on a test app's database with the storage a test gives it.</summary>
public static class ProcessorTestSupport
{
    public static StatementBlobProcessor Processor(ScaleApp app, IStatementStorage storage, IngestionOptions options, ITransactionEnricher? enricher = null)
    {
        var db = app.Services.GetRequiredService<NpgsqlDataSource>();
        var importer = new TransactionImporter(db, enricher ?? app.Services.GetRequiredService<ITransactionEnricher>(), app.Services.GetRequiredService<UserTransactionsChanged>(), NullLogger<TransactionImporter>.Instance);
        return new StatementBlobProcessor(new UploadStore(db), importer, storage, Options.Create(options), NullLogger<StatementBlobProcessor>.Instance);
    }
}
