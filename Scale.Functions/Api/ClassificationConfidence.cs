using Microsoft.Extensions.Logging;
using Scale.Domain.Categorization;
using Scale.Domain.Categorization.UserModels;

namespace Scale.Functions.Api;

/// <summary>
/// One event per classify request with how sure the answers were (TelemetryNames.ClassificationServed): the
/// workbook's confidence panel. Summarized per request rather than per row, so a 1,000-row batch is one trace, and no
/// narration or category leaves the app (dimensions are counts and a mean).
/// </summary>
internal static class ClassificationConfidence
{
    public static void Log(ILogger logger, IReadOnlyList<ClassificationResult> results)
    {
        if (results.Count == 0 || !logger.IsEnabled(LogLevel.Information)) return;
        var sum = 0.0;
        int low = 0, byRule = 0;
        foreach (var result in results)
        {
            sum += result.Confidence;
            if (result.Confidence < UserCategoryModel.MinConfidence) low++;
            if (result.Source == ClassificationSources.Rule) byRule++;
        }
        logger.LogInformation("Classified {Count} transactions: mean confidence {MeanConfidence}, {LowConfidence} below 0.5, {ByRule} by the user's rules",
            results.Count, Math.Round(sum / results.Count, 4), low, byRule);
    }
}
