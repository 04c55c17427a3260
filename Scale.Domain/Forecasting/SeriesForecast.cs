namespace Scale.Domain.Forecasting;

/// <summary>The forecast of one series before it is shaped for the API, with what the selector saw (the bench
/// scores every candidate from <see cref="CandidateForecasts"/>).</summary>
internal sealed record SeriesForecast(
    SpendingSeries Series,
    string Model,
    double[] Predicted,
    double[] Lower,
    double[] Upper,
    double? BacktestMase,
    double? IntervalCoverage,
    IReadOnlyDictionary<string, double> CandidateMase,
    IReadOnlyDictionary<string, double[]> CandidateForecasts);
