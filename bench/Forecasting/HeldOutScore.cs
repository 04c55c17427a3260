namespace Scale.Bench.Forecasting;

/// <summary>Errors of one forecast against the held-out actual values of one series.</summary>
internal static class HeldOutScore
{
    public static double Mase(double[] actual, double[] forecast, double scale) =>
        actual.Select((a, h) => Math.Abs(a - forecast[h])).Average() / scale;

    /// <summary>Symmetric MAPE in percent; a period where both are zero counts as exact.</summary>
    public static double Smape(double[] actual, double[] forecast) =>
        actual.Select((a, h) => a == 0 && forecast[h] == 0 ? 0 : 200 * Math.Abs(a - forecast[h]) / (Math.Abs(a) + Math.Abs(forecast[h]))).Average();
}
