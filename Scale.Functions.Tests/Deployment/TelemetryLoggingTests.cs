using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Scale.Functions.Infrastructure.Telemetry;

namespace Scale.Functions.Tests.Deployment;

/// <summary>The Information-level signals the dashboards count (TelemetryNames) reach Application Insights.</summary>
public class TelemetryLoggingTests
{
    [Fact]
    public void Application_insights_logging_is_not_limited_to_warnings()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [TelemetryServiceCollectionExtensions.ConnectionStringKey] =
                "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://127.0.0.1/",
        }).Build();
        using var provider = new ServiceCollection().AddLogging().AddScaleTelemetry(configuration).BuildServiceProvider();
        var rules = provider.GetRequiredService<IOptions<LoggerFilterOptions>>().Value.Rules;
        Assert.DoesNotContain(rules, rule => rule.ProviderName == TelemetryServiceCollectionExtensions.ApplicationInsightsLoggerProvider
                                             && rule.LogLevel >= LogLevel.Warning);
    }
}
