using System.Diagnostics;
using Scale.Domain.Categorization;
using Scale.Domain.Categorization.UserModels;

namespace Scale.Bench.Training;

/// <summary>
/// The trainer before and after the speed work, on the run's own data in the same process: one row per example
/// featurized on one thread (<see cref="UserModelTrainingSettings.RowPerExample"/>) against the default (parallel
/// featurization, identical rows merged into weighted ones). Same split, same base model; reports training time,
/// held-out accuracy as classify serves it, and how often the two models decide differently.
/// </summary>
internal static class TrainerComparison
{
    public static void Print(IReadOnlyList<DatedExample> examples, ITransactionClassifier baseModel)
    {
        var (train, heldOut) = TrainingSplit.ByTime(examples);
        var baseOpinions = heldOut.AsParallel().AsOrdered().Select(e => baseModel.Classify(e.Input)).ToList();
        var labels = heldOut.Select(e => e.Category).ToList();
        Console.WriteLine();
        Console.WriteLine($"trainer on the same {train.Count:N0} training / {heldOut.Count:N0} held-out rows, same run:");
        Console.WriteLine($"{"trainer",-52} {"train s",8} {"accuracy",9} {"macro-F1",9}");
        List<(string Category, double Confidence)>? previous = null;
        foreach (var (name, settings) in new[]
        {
            ("before: a row per example, one thread", UserModelTrainingSettings.RowPerExample),
            ("now: parallel features, identical rows merged", UserModelTrainingSettings.Default),
        })
        {
            var started = Stopwatch.StartNew();
            var model = UserModelTrainer.Train(train, baseModel, "bench", settings);
            var seconds = started.Elapsed.TotalSeconds;
            var served = heldOut.Select((e, i) => model.Classify(e.Input, baseOpinions[i]) ?? baseOpinions[i])
                .Select(r => (r.Category, r.Confidence)).ToList();
            var scores = ModelEvaluation.Score(labels, served.Select(s => s.Category).ToList());
            Console.WriteLine($"{name,-52} {seconds,8:F2} {scores.Accuracy,9:P2} {scores.MacroF1,9:F4}");
            if (previous is not null)
            {
                var differ = served.Where((s, i) => s.Category != previous[i].Category).Count();
                var maxGap = served.Select((s, i) => Math.Abs(s.Confidence - previous[i].Confidence)).Max();
                Console.WriteLine($"{"decisions that differ / largest confidence gap",-52} {differ,8:N0} {maxGap,9:F4}");
            }
            previous = served;
        }
    }
}
