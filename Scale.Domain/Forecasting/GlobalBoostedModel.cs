using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace Scale.Domain.Forecasting;

/// <summary>
/// One FastTree regression over every series of a user at one granularity (the "global" model that wins
/// retail-spending competitions): each training row is one period of one series described by
/// <see cref="ForecastFeatures"/>, the label its amount over the series' recent level. Forecasts are recursive: each
/// predicted period becomes the lag of the next. Seeded and single-threaded, so the same history gives the same
/// forecast.
/// </summary>
internal sealed class GlobalBoostedModel
{
    private const int Seed = 20260;
    private const int MinimumRows = 40;

    private readonly PredictionEngine<FeatureRow, Prediction> _engine;
    private readonly ForecastGranularity _granularity;

    private GlobalBoostedModel(PredictionEngine<FeatureRow, Prediction> engine, ForecastGranularity granularity)
    {
        _engine = engine;
        _granularity = granularity;
    }

    /// <summary>Trains on every series without its last <paramref name="heldBack"/> periods; null when there are too
    /// few rows to learn from.</summary>
    public static GlobalBoostedModel? Train(IReadOnlyList<SpendingSeries> series, ForecastGranularity granularity, int heldBack)
    {
        var rows = new List<FeatureRow>();
        var maxRowsPerSeries = granularity == ForecastGranularity.Day ? 400 : int.MaxValue;
        foreach (var s in series)
        {
            var end = s.Length - heldBack;
            for (var t = Math.Max(3, end - maxRowsPerSeries); t < end; t++)
            {
                var level = ForecastFeatures.Level(s.Values, t, granularity);
                if (level <= 0)
                    continue;
                var features = new float[ForecastFeatures.Count];
                ForecastFeatures.Fill(features, s.Values, t, granularity.Advance(s.FirstPeriod, t), granularity, level, s.IsTotal);
                rows.Add(new FeatureRow { Features = features, Label = (float)(s.Values[t] / level) });
            }
        }
        if (rows.Count < MinimumRows)
            return null;
        var ml = new MLContext(seed: Seed);
        var data = ml.Data.LoadFromEnumerable(rows);
        var trainer = ml.Regression.Trainers.FastTree(new FastTreeRegressionTrainer.Options
        {
            NumberOfLeaves = 12,
            NumberOfTrees = 60,
            MinimumExampleCountPerLeaf = Math.Max(5, rows.Count / 200),
            LearningRate = 0.1,
            NumberOfThreads = 1,
            Shrinkage = 1,
        });
        var model = trainer.Fit(data);
        return new GlobalBoostedModel(ml.Model.CreatePredictionEngine<FeatureRow, Prediction>(model), granularity);
    }

    public double[] Forecast(SeriesWindow window, int horizon)
    {
        var values = new double[window.Length + horizon];
        window.History.CopyTo(values);
        var row = new FeatureRow { Features = new float[ForecastFeatures.Count] };
        var prediction = new Prediction();
        for (var t = window.Length; t < values.Length; t++)
        {
            var level = ForecastFeatures.Level(values, t, _granularity);
            if (level <= 0)
                continue;
            ForecastFeatures.Fill(row.Features, values, t, window.PeriodAt(t), _granularity, level, window.Series.IsTotal);
            _engine.Predict(row, ref prediction);
            values[t] = Math.Max(0, prediction.Score * level);
        }
        return values[window.Length..];
    }

    private sealed class FeatureRow
    {
        [VectorType(ForecastFeatures.Count)]
        public float[] Features { get; set; } = [];

        public float Label { get; set; }
    }

    private sealed class Prediction
    {
        public float Score { get; set; }
    }
}

/// <summary>The global model as a candidate, trained at a few cuts: each window is forecast by the model trained on
/// the most data that still ends at or before the window's origin, so no origin sees a model that learned its
/// future, and late origins are not judged by a model much staler than the one that will make the forecast.</summary>
internal sealed class GlobalBoostedCandidate(IReadOnlyList<(int HeldBack, GlobalBoostedModel Model)> models) : IForecastCandidate
{
    public string Name => "gradient_boosted";

    public bool CanForecast(SeriesWindow window) => window.Length >= 3 && Pick(window) is not null;

    public double[] Forecast(SeriesWindow window, int horizon) => Pick(window)!.Forecast(window, horizon);

    private GlobalBoostedModel? Pick(SeriesWindow window)
    {
        var heldBack = window.Series.Length - window.Length;
        return models.Where(m => m.HeldBack >= heldBack).OrderBy(m => m.HeldBack).Select(m => m.Model).FirstOrDefault();
    }

    /// <summary>Trains at the earliest and the middle backtest origin and on everything; null when any of them has
    /// too little data to learn from.</summary>
    public static GlobalBoostedCandidate? Train(IReadOnlyList<SpendingSeries> all, ForecastGranularity granularity, int[] origins)
    {
        if (origins.Length == 0)
            return null;
        var cuts = new[] { origins.Max(), origins.Order().ElementAt(origins.Length / 2), 0 }.Distinct();
        var models = new List<(int, GlobalBoostedModel)>();
        foreach (var cut in cuts)
        {
            if (GlobalBoostedModel.Train(all, granularity, cut) is not { } model)
                return null;
            models.Add((cut, model));
        }
        return new GlobalBoostedCandidate(models);
    }
}
