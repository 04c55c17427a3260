using System.Diagnostics;
using Scale.Domain.Categorization;

namespace Scale.Bench.Categorization;

/// <summary>
/// Issue 8 item 3: the base model trained with ML.NET beside the shipped hand-written trainer, on the same corpus,
/// features and calibration set, each evaluated on the same sets (a)–(d) in the same run. Nothing is written.
/// </summary>
internal static class CompareCommand
{
    /// <param name="l2">The ML.NET trainer's L2 (default <see cref="MlNetBaseTrainer.DefaultL2"/>).</param>
    public static void Run(float l2 = MlNetBaseTrainer.DefaultL2)
    {
        var gen = BaseCorpus.Generator();
        var training = BaseCorpus.Training(gen);
        var calibration = BaseCorpus.Calibration(gen);
        Console.WriteLine($"corpus: {training.Count:N0} training rows, {calibration.Count:N0} calibration rows, {Environment.ProcessorCount} cores");

        var clock = Stopwatch.StartNew();
        var handWritten = LinearTextClassifierTrainer.Train(training, calibration, BaseCorpus.Options);
        var handWrittenSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var mlNet = MlNetBaseTrainer.Train(training, calibration, BaseCorpus.Options, l2);
        var mlNetSeconds = clock.Elapsed.TotalSeconds;

        Console.WriteLine();
        Console.WriteLine($"== hand-written (AdaGrad SGD, feature dropout {BaseCorpus.Options.FeatureDropout}, {BaseCorpus.Options.Epochs} epochs): trained in {handWrittenSeconds:0.0} s");
        EvaluateCommand.Report(handWritten);
        Console.WriteLine();
        Console.WriteLine($"== ML.NET (L-BFGS maximum entropy, L2 {l2}): trained in {mlNetSeconds:0.0} s (how the shipped model is trained)");
        EvaluateCommand.Report(mlNet);
    }
}
