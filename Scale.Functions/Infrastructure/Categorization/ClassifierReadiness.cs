using Scale.Domain.Categorization;

namespace Scale.Functions.Infrastructure.Categorization;

/// <summary>/health/ready "classifier": the model is loaded (loading it if this is the first ask) and answers.</summary>
public sealed class ClassifierReadiness(ClassifierHolder holder) : IReadinessCheck
{
    public string Name => "classifier";

    public Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        try
        {
            var result = holder.Current.Classify(new ClassificationInput("UPI/SWIGGY/swiggy@icici/food order"));
            return Task.FromResult(!string.IsNullOrEmpty(result.Category));
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return Task.FromResult(false);
        }
    }
}
