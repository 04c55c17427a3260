using System.Collections.Frozen;
using Scale.Domain.Transactions;

namespace Scale.Domain.Categorization;

/// <summary>
/// One user's rule: transactions whose <see cref="NarrationKey"/> equals Key get Category; with a
/// <paramref name="Direction"/>, only transactions of that direction (a correction of a Swiggy payment says nothing
/// about Swiggy's refunds), without one (rules stored before directions were kept, or feedback that named none),
/// both.
/// </summary>
public sealed record UserRule(string Key, string Category, TransactionType? Direction = null);

/// <summary>
/// A user's rules as an in-memory lookup. Rules win over the model: they are the user's own corrections.
/// Immutable after construction, so one book per user can be cached and shared across threads.
/// </summary>
public sealed class UserRuleBook
{
    public static UserRuleBook Empty { get; } = new([]);

    private readonly FrozenDictionary<string, string> _anyDirection;
    private readonly FrozenDictionary<string, string> _debits;
    private readonly FrozenDictionary<string, string> _credits;

    /// <summary>
    /// Later rules for the same key and direction override earlier ones (the newest correction wins). A rule for the
    /// row's direction wins over one for both: the store deletes a key's one-direction rules when it saves one for
    /// both, so both exist only when the one-direction rule is the newer correction.
    /// </summary>
    public UserRuleBook(IEnumerable<UserRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var any = new Dictionary<string, string>(StringComparer.Ordinal);
        var debits = new Dictionary<string, string>(StringComparer.Ordinal);
        var credits = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            if (string.IsNullOrWhiteSpace(rule.Key)) continue;
            switch (rule.Direction)
            {
                case TransactionType.Debit: debits[rule.Key] = rule.Category; break;
                case TransactionType.Credit: credits[rule.Key] = rule.Category; break;
                default: any[rule.Key] = rule.Category; break;
            }
        }
        _anyDirection = any.ToFrozenDictionary(StringComparer.Ordinal);
        _debits = debits.ToFrozenDictionary(StringComparer.Ordinal);
        _credits = credits.ToFrozenDictionary(StringComparer.Ordinal);
        Count = _anyDirection.Count + _debits.Count + _credits.Count;
    }

    public int Count { get; }

    /// <summary>
    /// Learns rules from a user's labelled history: each key and direction gets the category the user chose most
    /// often for it (ties go to the most recent label, since corrections come later); examples without a direction
    /// teach a rule for both.
    /// </summary>
    public static UserRuleBook Learn(IEnumerable<LabelledExample> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var votes = new Dictionary<(string Key, TransactionType? Direction), Dictionary<string, (int Count, int LastSeen)>>();
        var position = 0;
        foreach (var example in history)
        {
            var key = NarrationKey.For(example.Input.Description, example.Input.Merchant);
            if (key.Length == 0) continue;
            var slot = (key, example.Input.Type);
            if (!votes.TryGetValue(slot, out var byCategory)) votes[slot] = byCategory = new(StringComparer.Ordinal);
            byCategory.TryGetValue(example.Category, out var v);
            byCategory[example.Category] = (v.Count + 1, position++);
        }
        var rules = votes.OrderBy(p => p.Key.Key, StringComparer.Ordinal).ThenBy(p => p.Key.Direction).Select(p => new UserRule(p.Key.Key,
                p.Value.OrderByDescending(c => c.Value.Count).ThenByDescending(c => c.Value.LastSeen).First().Key, p.Key.Direction));
        return new UserRuleBook(rules);
    }

    public bool TryMatch(ClassificationInput input, out string category) => TryMatch(input, null, out category, out _, out _);

    /// <summary>The rule result for <paramref name="input"/>, or null when no rule matches.</summary>
    /// <param name="info">The narration's analysis when the caller has it (it is analyzed here otherwise).</param>
    public ClassificationResult? TryClassify(ClassificationInput input, string modelVersion, NarrationInfo? info = null)
    {
        if (!TryMatch(input, info, out var category, out var key, out var direction)) return null;
        var scope = direction switch { TransactionType.Debit => " for debits", TransactionType.Credit => " for credits", _ => "" };
        return new ClassificationResult(category, 1.0, ClassificationSources.Rule, modelVersion,
            [new CategoryScore(category, 1.0)], $"your rule{scope}: \"{key}\" → {category}");
    }

    private bool TryMatch(ClassificationInput input, NarrationInfo? info, out string category, out string key,
        out TransactionType? direction)
    {
        ArgumentNullException.ThrowIfNull(input);
        category = string.Empty;
        key = string.Empty;
        direction = null;
        // An empty book is the common case (new users): skip analyzing the narration at all.
        if (Count == 0) return false;
        var (byBrand, printed) = NarrationKey.Keys(input.Description, input.Merchant, info);
        key = byBrand;
        if (key.Length > 0 && Lookup(key, input.Type, out category, out direction)) return true;
        // A rule stored before merchants were keyed by brand is under the merchant as printed.
        if (printed == key || printed.Length == 0 || !Lookup(printed, input.Type, out category, out direction)) return false;
        key = printed;
        return true;
    }

    /// <summary>
    /// The rule for the row's direction, else the rule for both. A row of unknown direction (a classify call that
    /// gave no type) takes the rule for both, else a one-direction rule when the user taught only one direction or
    /// both the same; two directions taught differently leave it to the model.
    /// </summary>
    private bool Lookup(string key, TransactionType? type, out string category, out TransactionType? direction)
    {
        direction = type;
        if (type == TransactionType.Debit && _debits.TryGetValue(key, out category!)) return true;
        if (type == TransactionType.Credit && _credits.TryGetValue(key, out category!)) return true;
        direction = null;
        if (_anyDirection.TryGetValue(key, out category!)) return true;
        if (type is not null) return false;
        var debit = _debits.GetValueOrDefault(key);
        var credit = _credits.GetValueOrDefault(key);
        if (debit is not null && (credit is null || credit == debit)) (category, direction) = (debit, credit is null ? TransactionType.Debit : null);
        else if (credit is not null && debit is null) (category, direction) = (credit, TransactionType.Credit);
        else category = string.Empty;
        return category.Length > 0;
    }
}
