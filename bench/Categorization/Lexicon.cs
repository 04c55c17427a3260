using Scale.Domain.Categorization;

namespace Scale.Bench.Categorization;

/// <summary>A lexicon row; <paramref name="Split"/> is "train", "unseen" (evaluation (c)) or "calibration".</summary>
internal sealed record LexiconEntry(string Kind, string Category, string Name, string Split)
{
    public bool Unseen => Split == "unseen";
}

/// <summary>data/categorization/lexicon.tsv: merchants, payers and remark words with their category and split.</summary>
internal sealed class Lexicon
{
    private readonly List<LexiconEntry> _entries;

    private Lexicon(List<LexiconEntry> entries) => _entries = entries;

    public static Lexicon Load(string path)
    {
        var entries = new List<LexiconEntry>();
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var parts = line.Split('\t');
            if (parts.Length != 4 || !Taxonomy.TryNormalize(parts[1], out var category) ||
                parts[3] is not ("train" or "unseen" or "calibration"))
                throw new InvalidDataException($"Bad lexicon line: {line}");
            entries.Add(new LexiconEntry(parts[0], category, parts[2], parts[3]));
        }
        return new Lexicon(entries);
    }

    public IReadOnlyList<LexiconEntry> Entries => _entries;

    /// <summary>
    /// The same lexicon with only one half of each kind-and-category's unseen names (in file order: even positions
    /// are the test half, odd the development half, so a lone name is test-only). Evaluation (c) is split this way
    /// so that what is tuned on (c) (the dev half) is not what is reported (the test half).
    /// </summary>
    public Lexicon UnseenHalf(bool development)
    {
        var position = new Dictionary<(string Kind, string Category), int>();
        var kept = new List<LexiconEntry>(_entries.Count);
        foreach (var entry in _entries)
        {
            if (!entry.Unseen) { kept.Add(entry); continue; }
            var key = (entry.Kind, entry.Category);
            var index = position.GetValueOrDefault(key);
            position[key] = index + 1;
            if ((index % 2 == 1) == development) kept.Add(entry);
        }
        return new Lexicon(kept);
    }

    /// <summary>Names of one kind and category; <paramref name="unseen"/> selects the evaluation-only rows.</summary>
    public IReadOnlyList<string> Names(string kind, string category, bool unseen) =>
        _entries.Where(e => e.Kind == kind && e.Category == category && e.Split == (unseen ? "unseen" : "train"))
            .Select(e => e.Name).ToList();

    /// <summary>Names only the calibration set may use: real brands the model is never trained on.</summary>
    public IReadOnlyList<string> CalibrationNames(string kind, string category) =>
        _entries.Where(e => e.Kind == kind && e.Category == category && e.Split == "calibration").Select(e => e.Name).ToList();

    /// <summary>All names of a kind and category, every split (remark wording for held-out styles).</summary>
    public IReadOnlyList<string> AllNames(string kind, string category) =>
        _entries.Where(e => e.Kind == kind && e.Category == category).Select(e => e.Name).ToList();
}
