using System.Collections.Frozen;

namespace Scale.Domain.Categorization;

/// <summary>One user's rule: transactions whose <see cref="NarrationKey"/> equals Key get Category.</summary>
public sealed record UserRule(string Key, string Category);

/// <summary>
/// A user's rules as an in-memory lookup. Rules win over the model: they are the user's own corrections.
/// Immutable after construction, so one book per user can be cached and shared across threads.
/// </summary>
public sealed class UserRuleBook
{
    public static UserRuleBook Empty { get; } = new([]);

    private readonly FrozenDictionary<string, string> _byKey;

    /// <summary>Later rules for the same key override earlier ones (the newest correction wins).</summary>
    public UserRuleBook(IEnumerable<UserRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var rule in rules)
            if (!string.IsNullOrWhiteSpace(rule.Key)) map[rule.Key] = rule.Category;
        _byKey = map.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public int Count => _byKey.Count;

    /// <summary>
    /// Learns rules from a user's labelled history: each key gets the category the user chose most often for it
    /// (ties go to the most recent label, since corrections come later).
    /// </summary>
    public static UserRuleBook Learn(IEnumerable<LabelledExample> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var votes = new Dictionary<string, Dictionary<string, (int Count, int LastSeen)>>(StringComparer.Ordinal);
        var position = 0;
        foreach (var example in history)
        {
            var key = NarrationKey.For(example.Input.Description, example.Input.Merchant);
            if (key.Length == 0) continue;
            if (!votes.TryGetValue(key, out var byCategory)) votes[key] = byCategory = new(StringComparer.Ordinal);
            byCategory.TryGetValue(example.Category, out var v);
            byCategory[example.Category] = (v.Count + 1, position++);
        }
        var rules = votes.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new UserRule(p.Key,
            p.Value.OrderByDescending(c => c.Value.Count).ThenByDescending(c => c.Value.LastSeen).First().Key));
        return new UserRuleBook(rules);
    }

    public bool TryMatch(ClassificationInput input, out string category) => TryMatch(input, null, out category, out _);

    /// <summary>The rule result for <paramref name="input"/>, or null when no rule matches.</summary>
    /// <param name="info">The narration's analysis when the caller has it (it is analyzed here otherwise).</param>
    public ClassificationResult? TryClassify(ClassificationInput input, string modelVersion, NarrationInfo? info = null)
    {
        if (!TryMatch(input, info, out var category, out var key)) return null;
        return new ClassificationResult(category, 1.0, ClassificationSources.Rule, modelVersion,
            [new CategoryScore(category, 1.0)], $"your rule: \"{key}\" → {category}");
    }

    private bool TryMatch(ClassificationInput input, NarrationInfo? info, out string category, out string key)
    {
        ArgumentNullException.ThrowIfNull(input);
        category = string.Empty;
        key = string.Empty;
        // An empty book is the common case (new users): skip analyzing the narration at all.
        if (_byKey.Count == 0) return false;
        var (byBrand, printed) = NarrationKey.Keys(input.Description, input.Merchant, info);
        key = byBrand;
        if (key.Length > 0 && _byKey.TryGetValue(key, out var found))
        {
            category = found;
            return true;
        }
        // A rule stored before merchants were keyed by brand is under the merchant as printed.
        if (printed == key || printed.Length == 0 || !_byKey.TryGetValue(printed, out found)) return false;
        key = printed;
        category = found;
        return true;
    }
}
