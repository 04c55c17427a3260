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
    private sealed record Row(string Name, string Goal, List<string> Truth, List<string> Model, List<string> MostFrequent,
        List<string> Lookup, double Coverage, double TopOne);

    public static void Run(bool showErrors = false)
    {
        var model = ClassifierModelSerializer.LoadFromFile(RepoPaths.Model);
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

        Console.WriteLine($"model {model.ModelVersion} (threshold {model.ConfidenceThreshold:0.000}); user history: " +
                          $"{history.Count} rows in months 1-{SyntheticUser.HistoryMonths} → {rules.Count} rules, tested on {later.Count} later rows");
        Console.WriteLine();
        Console.WriteLine($"{"set",-24} {"n",6} | {"model acc",9} {"F1",6} {"cover",6} {"top-1",6} | {"most-freq acc",13} {"F1",6} | {"exact-lookup acc",16} {"F1",6} | goal");
        foreach (var row in rows)
        {
            var (acc, f1) = Metrics.Score(row.Truth, row.Model);
            var (mfAcc, mfF1) = Metrics.Score(row.Truth, row.MostFrequent);
            var (luAcc, luF1) = Metrics.Score(row.Truth, row.Lookup);
            Console.WriteLine($"{row.Name,-24} {row.Truth.Count,6} | {acc,9:P1} {f1,6:0.000} {row.Coverage,6:P0} {row.TopOne,6:P0} | " +
                              $"{mfAcc,13:P1} {mfF1,6:0.000} | {luAcc,16:P1} {luF1,6:0.000} | {row.Goal}");
        }
        Console.WriteLine("cover = share not left Uncategorized (an abstention counts as wrong in accuracy); " +
                          "top-1 = best guess right, ignoring the abstention threshold");
        if (!showErrors) return;
        PrintErrors(e => engine.Classify(e.Input), heldOut);
        PrintErrors(e => engine.Classify(e.Input), unseen);
        PrintErrors(e => engine.Classify(e.Input, rules), later);
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
        return new Row(name, goal, truth, results.Select(r => r.Category).ToList(),
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
        foreach (var group in errors.GroupBy(p => (p.e.Category, p.r.Category)).OrderByDescending(g => g.Count()).Take(15))
        {
            Console.WriteLine($"{group.Count(),4}  {group.Key.Item1} → {group.Key.Item2}");
            foreach (var (e, r) in group.Take(3)) Console.WriteLine($"        {e.Input.Description}  [{r.Explanation}]");
        }
    }
}
