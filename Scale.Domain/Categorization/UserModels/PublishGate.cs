namespace Scale.Domain.Categorization.UserModels;

/// <summary>
/// A candidate replaces the model in use only if it is strictly more accurate on the user's held-out rows; a tie
/// keeps the model in use (a retrain on the same data must not churn versions). Macro-F1 is reported, not gated on:
/// with a handful of held-out rows per category it swings on one row.
/// </summary>
public static class PublishGate
{
    public static bool ShouldPublish(double candidateAccuracy, double inUseAccuracy) => candidateAccuracy > inUseAccuracy;
}
