using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Scale.Domain.Categorization;

namespace Scale.Bench.Categorization;

/// <summary>Generate corpus → train with ML.NET → calibrate → write the artifact. Same seeds → byte-identical file.</summary>
internal static class TrainCommand
{
    public static void Run()
    {
        var total = Stopwatch.StartNew();
        var gen = BaseCorpus.Generator();
        var training = BaseCorpus.Training(gen);
        var calibration = BaseCorpus.Calibration(gen);
        WriteCorpus(training);
        Console.WriteLine($"corpus: {training.Count:N0} training rows, {calibration.Count:N0} calibration rows " +
                          $"({total.Elapsed.TotalSeconds:0.0}s)");

        var fit = Stopwatch.StartNew();
        var model = LinearTextClassifierTrainer.Train(training, calibration, BaseCorpus.Options);
        Console.WriteLine($"trained {model.ModelVersion} with ML.NET in {fit.Elapsed.TotalSeconds:0.0}s " +
                          $"(L-BFGS maximum entropy, L2 {BaseCorpus.Options.L2}, 2^{BaseCorpus.Options.HashBits} buckets)");

        Directory.CreateDirectory(Path.GetDirectoryName(RepoPaths.Model)!);
        ClassifierModelSerializer.SaveToFile(model, RepoPaths.Model);
        var bytes = File.ReadAllBytes(RepoPaths.Model);
        Console.WriteLine($"wrote {Path.GetRelativePath(RepoPaths.Root, RepoPaths.Model)}: {bytes.Length / 1024.0 / 1024.0:0.00} MB, " +
                          $"sha256 {Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]}…");
        Console.WriteLine($"calibration: temperature {model.Temperature:0.000}, threshold {model.ConfidenceThreshold:0.000}");

        Report("training set (seen)", model, training);
        Report("calibration set", model, calibration);
        Console.WriteLine($"total {total.Elapsed.TotalSeconds:0.0}s");
    }

    private static void Report(string name, LinearTextClassifier model, List<LabelledExample> data)
    {
        var predicted = data.Select(e => model.Classify(e.Input).Category).ToList();
        var (accuracy, f1) = Metrics.Score(data.Select(e => e.Category).ToList(), predicted);
        Console.WriteLine($"{name,-22} accuracy {accuracy:P1}  macro-F1 {f1:0.000}");
    }

    /// <summary>Written for inspection (and committed while small); training always regenerates it from the seed.</summary>
    private static void WriteCorpus(List<LabelledExample> training)
    {
        using var writer = new StreamWriter(RepoPaths.TrainingCorpus);
        writer.NewLine = "\n";
        writer.WriteLine("description\ttype\tamount\tcategory");
        foreach (var e in training)
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{e.Input.Description}\t{e.Input.Type?.ToString().ToLowerInvariant()}\t{e.Input.Amount}\t{e.Category}"));
    }
}
