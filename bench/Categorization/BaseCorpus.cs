using Scale.Domain.Categorization;

namespace Scale.Bench.Categorization;

/// <summary>The seeded corpora every command agrees on, so evaluate/speed see exactly what train saw.</summary>
internal static class BaseCorpus
{
    public const int TrainingPerCategory = 2400;
    public const int CalibrationPerCategory = 250;
    public const int EvaluationPerCategory = 300;

    /// <summary>The shipped model's training options (ML.NET maximum entropy, L2 from <see cref="TrainingOptions.L2"/>).</summary>
    public static TrainingOptions Options => new()
    {
        ModelVersion = RepoPaths.ModelVersion,
        HashBits = 18,
    };

    public static CorpusGenerator Generator() => new(Lexicon.Load(RepoPaths.Lexicon));

    public static List<LabelledExample> Training(CorpusGenerator g) =>
        g.Generate(CorpusSplit.Training, TrainingPerCategory, RepoPaths.CorpusSeed);

    public static List<LabelledExample> Calibration(CorpusGenerator g) =>
        g.Generate(CorpusSplit.Calibration, CalibrationPerCategory, RepoPaths.CorpusSeed + 1);

    public static List<LabelledExample> HeldOutStyles(CorpusGenerator g) =>
        g.Generate(CorpusSplit.HeldOutStyles, EvaluationPerCategory, RepoPaths.CorpusSeed + 2);

    public static List<LabelledExample> UnseenMerchants(CorpusGenerator g) =>
        g.Generate(CorpusSplit.UnseenMerchants, EvaluationPerCategory, RepoPaths.CorpusSeed + 3);

    /// <summary>(c) on one half of the unseen names (<see cref="Lexicon.UnseenHalf"/>): dev for choosing, test for reporting.</summary>
    public static List<LabelledExample> UnseenMerchantsHalf(CorpusGenerator g, bool development) =>
        new CorpusGenerator(g.Lexicon.UnseenHalf(development))
            .Generate(CorpusSplit.UnseenMerchants, EvaluationPerCategory, RepoPaths.CorpusSeed + 3);
}
