using Scale.Domain.Categorization;

namespace Scale.Bench.Categorization;

/// <summary>
/// Accuracy and macro-F1 of the shipped artifact on three sets, each beside two baselines computed in the same
/// run: the most frequent category and exact-narration lookup (from the training corpus, or from the user's
/// history for (b)). Evaluation rows never share a narration string with training rows (overlaps are dropped
/// and counted).
/// </summary>
internal static class EvaluateCommand
{
    private sealed record Row(string Name, string Goal, List<string> Truth, List<ClassificationResult> Results,
        List<string> MostFrequent, List<string> Lookup, double Coverage, double TopOne)
    {
        public List<string> Model => Results.Select(r => r.Category).ToList();
    }

    public static void Run(bool showErrors, string modelPath) => Report(ClassifierModelSerializer.LoadFromFile(modelPath), showErrors);

    /// <summary>The table (and with <paramref name="showErrors"/> the commonest errors) of one model on every set.</summary>
    public static void Report(LinearTextClassifier model, bool showErrors = false)
    {
        var engine = new CategorizationEngine(model);
        var gen = BaseCorpus.Generator();
        var training = BaseCorpus.Training(gen);
        var trainingStrings = training.Select(e => e.Input.Description).ToHashSet(StringComparer.Ordinal);
        var trainLookup = ExactLookup(training);
        var trainMostFrequent = MostFrequent(training);

        var rows = new List<Row>();
        var heldOut = Dedupe(BaseCorpus.HeldOutStyles(gen), trainingStrings, "(a)");
        rows.Add(Evaluate("(a) held-out styles", "≥ 85 %", heldOut, e => engine.Classify(e.Input), trainMostFrequent, trainLookup));

        var user = SyntheticUser.Generate(RepoPaths.CorpusSeed + 4);
        var history = user.Where(d => d.Month < SyntheticUser.HistoryMonths).Select(d => d.Example).ToList();
        var later = Dedupe(user.Where(d => d.Month >= SyntheticUser.HistoryMonths).Select(d => d.Example).ToList(),
            trainingStrings, "(b)");
        var rules = UserRuleBook.Learn(history);
        var userLookup = ExactLookup(history);
        var userMostFrequent = MostFrequent(history);
        rows.Add(Evaluate("(b) user, rules+model", "≥ 97 %", later, e => engine.Classify(e.Input, rules), userMostFrequent, userLookup));
        rows.Add(Evaluate("(b) user, model alone", "-", later, e => engine.Classify(e.Input), userMostFrequent, userLookup));

        var unseen = Dedupe(BaseCorpus.UnseenMerchants(gen), trainingStrings, "(c)");
        rows.Add(Evaluate("(c) unseen merchants", "≥ 70 %", unseen, e => engine.Classify(e.Input), trainMostFrequent, trainLookup));
        var unseenDev = Dedupe(BaseCorpus.UnseenMerchantsHalf(gen, development: true), trainingStrings, "(c) dev");
        rows.Add(Evaluate("(c) dev half (choose)", "-", unseenDev, e => engine.Classify(e.Input), trainMostFrequent, trainLookup));
        var unseenTest = Dedupe(BaseCorpus.UnseenMerchantsHalf(gen, development: false), trainingStrings, "(c) test");
        rows.Add(Evaluate("(c) test half (report)", "≥ 70 %", unseenTest, e => engine.Classify(e.Input), trainMostFrequent, trainLookup));

        var real = Dedupe(RealFormatSet.Load(RepoPaths.RealFormatEvaluation), trainingStrings, "(d)");
        rows.Add(Evaluate("(d) real formats", "≥ 80 %", real, e => engine.Classify(e.Input), trainMostFrequent, trainLookup));

        Console.WriteLine($"model {model.ModelVersion} (threshold {model.ConfidenceThreshold:0.000}, temperature " +
                          $"{model.Temperature:0.000}); user history: {history.Count} rows in months 1-{SyntheticUser.HistoryMonths} " +
                          $"→ {rules.Count} rules, tested on {later.Count} later rows");
        Console.WriteLine();
        Console.WriteLine($"{"set",-24} {"n",5} | {"acc",6} {"F1",5} {"cover",5} {"top-1",5} {"ECE",5} {"≥.90",5} {"wrong",5} | " +
                          $"{"most-freq",9} {"F1",5} | {"transfers",9} {"F1",5} | {"lookup",6} {"F1",5} | goal");
        foreach (var row in rows)
        {
            var (acc, f1) = Metrics.Score(row.Truth, row.Model);
            var (ece, confidentShare, confidentWrong) = Calibration.Measure(row.Truth, row.Results);
            var (mfAcc, mfF1) = Metrics.Score(row.Truth, row.MostFrequent);
            var (trAcc, trF1) = Metrics.Score(row.Truth, row.Truth.Select(_ => Taxonomy.Transfers).ToList());
            var (luAcc, luF1) = Metrics.Score(row.Truth, row.Lookup);
            Console.WriteLine($"{row.Name,-24} {row.Truth.Count,5} | {acc,6:P1} {f1,5:0.00} {row.Coverage,5:P0} {row.TopOne,5:P0} " +
                              $"{ece,5:0.000} {confidentShare,5:P0} {confidentWrong,5:P1} | {mfAcc,9:P1} {mfF1,5:0.00} | " +
                              $"{trAcc,9:P1} {trF1,5:0.00} | {luAcc,6:P1} {luF1,5:0.00} | {row.Goal}");
        }
        Console.WriteLine("cover = share not left Uncategorized (an abstention counts as wrong in accuracy); top-1 = best guess " +
                          "right, ignoring the abstention threshold; ECE = expected calibration error (10 bins); ≥.90 = share " +
                          "answered with confidence ≥ 0.90; wrong = share of those that are wrong (goal < 2 %); baselines: " +
                          "most frequent training category, always Transfers, exact narration lookup");
        if (!showErrors) return;
        PrintErrors(e => engine.Classify(e.Input), heldOut);
        PrintErrors(e => engine.Classify(e.Input), unseen);
        PrintErrors(e => engine.Classify(e.Input, rules), later);
        PrintErrors(e => engine.Classify(e.Input), real);
    }

    private static Row Evaluate(string name, string goal, List<LabelledExample> data,
        Func<LabelledExample, ClassificationResult> classify, string mostFrequent, Dictionary<string, string> lookup)
    {
        var truth = data.Select(e => e.Category).ToList();
        var results = data.Select(classify).ToList();
        var coverage = results.Count(r => r.Category != Taxonomy.Uncategorized) / (double)Math.Max(1, results.Count);
        // Top-1 ignores abstention: how often the best guess (rule, model or the abstained alternative) is right.
        var topOne = results.Select((r, i) => (r.Source == ClassificationSources.Default && r.Alternatives.Count > 0
            ? r.Alternatives[0].Category : r.Category) == truth[i]).Count(ok => ok) / (double)Math.Max(1, results.Count);
        return new Row(name, goal, truth, results,
            data.Select(_ => mostFrequent).ToList(),
            data.Select(e => lookup.GetValueOrDefault(e.Input.Description, mostFrequent)).ToList(), coverage, topOne);
    }

    private static List<LabelledExample> Dedupe(List<LabelledExample> data, HashSet<string> training, string name)
    {
        var kept = data.Where(e => !training.Contains(e.Input.Description)).ToList();
        if (kept.Count != data.Count) Console.WriteLine($"{name}: dropped {data.Count - kept.Count} rows whose narration also occurs in training");
        return kept;
    }

    private static Dictionary<string, string> ExactLookup(List<LabelledExample> data)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in data) map[e.Input.Description] = e.Category;
        return map;
    }

    private static string MostFrequent(List<LabelledExample> data) =>
        data.GroupBy(e => e.Category).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;

    private static void PrintErrors(Func<LabelledExample, ClassificationResult> classify, List<LabelledExample> data)
    {
        Console.WriteLine();
        var errors = data.Select(e => (e, r: classify(e))).Where(p => p.r.Category != p.e.Category).ToList();
        foreach (var group in errors.GroupBy(p => (p.e.Category, p.r.Category)).OrderByDescending(g => g.Count()).Take(25))
        {
            Console.WriteLine($"{group.Count(),4}  {group.Key.Item1} → {group.Key.Item2}");
            foreach (var (e, r) in group.Take(4))
                Console.WriteLine($"        {e.Input.Description}  [{r.Confidence:0.00} {r.Explanation}]");
        }
    }
}
