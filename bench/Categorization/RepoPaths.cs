namespace Scale.Bench.Categorization;

/// <summary>Locates data/ from wherever `dotnet run` was started: the folder holding Scale.slnx.</summary>
internal static class RepoPaths
{
    public const string ModelVersion = "categorizer-1.2.0";
    public const int CorpusSeed = 20240601;

    public static string Root { get; } = FindRoot();
    public static string Lexicon => Path.Combine(Root, "data", "categorization", "lexicon.tsv");
    public static string RealFormatEvaluation => Path.Combine(Root, "data", "categorization", "real-format-eval.tsv");
    public static string TrainingCorpus => Path.Combine(Root, "data", "categorization", "training-corpus.tsv");
    public static string Model => Path.Combine(Root, "data", "models", ModelVersion + ".bin");

    private static string FindRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Scale.slnx"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException("Run from inside the repository (no Scale.slnx found above).");
    }
}
