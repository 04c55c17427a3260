using System.Globalization;

namespace Scale.Domain.Categorization;

/// <summary>
/// Resolves the counterparty a narration names ("BUNDL TECHNOLOGIES", or "SWIGGY IN" read from swiggy.in@axisbank)
/// to the brand users know ("Swiggy"), from the curated, versioned lexicon data/merchants/merchant-lexicon.tsv
/// (embedded in Scale.Domain). A key matches as whole consecutive words of the counterparty, case-insensitive; the
/// longest matching key wins ("AMAZON PAY" over "AMAZON"). Unknown counterparties are left as the narration prints
/// them. Immutable and thread-safe.
/// </summary>
public sealed class MerchantLexicon
{
    private const string ResourceName = "merchants/merchant-lexicon.tsv";
    private static readonly Lazy<MerchantLexicon> ShippedLexicon = new(LoadShipped);

    // First word of a key → the keys starting with it, longest first.
    private readonly Dictionary<string, (string[] Words, string Display)[]> _byFirstWord;

    public int Version { get; }
    public int Count { get; }

    private MerchantLexicon(int version, IEnumerable<(string[] Words, string Display)> entries)
    {
        Version = version;
        var list = entries.ToList();
        Count = list.Count;
        _byFirstWord = list.GroupBy(e => e.Words[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(e => e.Words.Length).ToArray(), StringComparer.Ordinal);
    }

    /// <summary>The lexicon shipped with this build.</summary>
    public static MerchantLexicon Shipped => ShippedLexicon.Value;

    /// <summary>The display name for a counterparty, or null when the lexicon does not know it.</summary>
    public string? Resolve(string? counterparty)
    {
        if (string.IsNullOrWhiteSpace(counterparty)) return null;
        var words = Words(counterparty);
        (int Length, string Display)? best = null;
        for (var i = 0; i < words.Length; i++)
        {
            if (!_byFirstWord.TryGetValue(words[i], out var candidates)) continue;
            foreach (var (keyWords, display) in candidates)
            {
                if (best is { } b && b.Length >= keyWords.Length) break;
                if (i + keyWords.Length <= words.Length && words.AsSpan(i, keyWords.Length).SequenceEqual(keyWords))
                {
                    best = (keyWords.Length, display);
                    break;
                }
            }
        }
        return best?.Display;
    }

    /// <summary>
    /// Reads the TSV: '#' lines are comments except "# version&lt;TAB&gt;N"; each other line is key TAB display name.
    /// A malformed line is an error (the file is curated in the repo; a test loads the shipped one).
    /// </summary>
    public static MerchantLexicon Parse(TextReader reader)
    {
        int? version = null;
        var entries = new List<(string[] Words, string Display)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0) continue;
            if (line.StartsWith('#'))
            {
                var parts = line[1..].Trim().Split('\t');
                if (parts is ["version", var v]) version = int.Parse(v, CultureInfo.InvariantCulture);
                continue;
            }
            var fields = line.Split('\t');
            if (fields.Length != 2 || Words(fields[0]) is not { Length: > 0 } words || fields[1].Trim().Length == 0)
                throw new FormatException($"Merchant lexicon line {lineNumber}: expected 'key<TAB>display name'.");
            if (!seen.Add(string.Join(' ', words)))
                throw new FormatException($"Merchant lexicon line {lineNumber}: key '{fields[0]}' is listed twice.");
            entries.Add((words, fields[1].Trim()));
        }
        return new MerchantLexicon(version ?? throw new FormatException("Merchant lexicon: no '# version' line."), entries);
    }

    private static string[] Words(string text) =>
        text.ToUpperInvariant().Split((char[])[' ', '.', '-', '_', '/', '&', ',', '*', '\t'], StringSplitOptions.RemoveEmptyEntries);

    private static MerchantLexicon LoadShipped()
    {
        using var stream = typeof(MerchantLexicon).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The merchant lexicon resource '{ResourceName}' is missing from Scale.Domain.");
        using var reader = new StreamReader(stream);
        return Parse(reader);
    }
}
