using System.Diagnostics;
using Scale.Domain.Forecasting;

namespace Scale.Bench.Forecasting;

/// <summary>`profile`: where one user's forecast time goes, per granularity (global model training vs the rest).</summary>
internal static class Profile
{
    public static void Run(List<SpendingRow> rows)
    {
        foreach (var (g, h) in new[] { (ForecastGranularity.Day, 28), (ForecastGranularity.Week, 8), (ForecastGranularity.Month, 3) })
        {
            var series = SpendingSeries.Build(rows, SpendingCorpus.End, g);
            for (var run = 0; run < 2; run++)
            {
                var sw = Stopwatch.StartNew();
                GlobalBoostedModel.Train(series, g, 0);
                var train = sw.Elapsed.TotalMilliseconds;
                sw.Restart();
                var hw = new HoltWintersForecast();
                foreach (var s in series)
                    foreach (var k in RollingOriginBacktest.OriginsFor(s.Length, g, h))
                        hw.Forecast(new SeriesWindow(s, s.Length - k, g), h);
                var hwTime = sw.Elapsed.TotalMilliseconds;
                sw.Restart();
                SpendingForecaster.Forecast(rows, SpendingCorpus.End, g, h);
                Console.WriteLine($"{g}: {series.Count} series, gbm train {train:F0} ms, holt-winters backtest {hwTime:F0} ms, whole forecast {sw.Elapsed.TotalMilliseconds:F0} ms");
            }
        }
    }
}
