using System.Diagnostics;
using Scale.Domain.Categorization;

namespace Scale.Bench.Categorization;

/// <summary>
/// A candidate base model beside the shipped one, same corpus, features and calibration set, each evaluated on the
/// same sets (a)–(d) in the same run: how a training change (here the L2 of the maximum-entropy fit) is judged
/// before it ships. Nothing is written. (Until issue 8 it compared ML.NET with the hand-written SGD trainer it
/// replaced; that comparison is in the README.)
/// </summary>
internal static class CompareCommand
{
    /// <param name="l2">The candidate's L2 (default: the shipped options', so the candidate retrains the shipped model).</param>
    public static void Run(float? l2 = null)
    {
        var gen = BaseCorpus.Generator();
        var training = BaseCorpus.Training(gen);
        var calibration = BaseCorpus.Calibration(gen);
        Console.WriteLine($"corpus: {training.Count:N0} training rows, {calibration.Count:N0} calibration rows, {Environment.ProcessorCount} cores");

        var options = BaseCorpus.Options with { L2 = l2 ?? BaseCorpus.Options.L2 };
        var clock = Stopwatch.StartNew();
        var candidate = LinearTextClassifierTrainer.Train(training, calibration, options);
        var seconds = clock.Elapsed.TotalSeconds;

        Console.WriteLine();
        Console.WriteLine($"== shipped: {Path.GetRelativePath(RepoPaths.Root, RepoPaths.Model)}");
        EvaluateCommand.Report(ClassifierModelSerializer.LoadFromFile(RepoPaths.Model));
        Console.WriteLine();
        Console.WriteLine($"== candidate (ML.NET L-BFGS maximum entropy, L2 {options.L2}): trained in {seconds:0.0} s");
        EvaluateCommand.Report(candidate);
    }
}
