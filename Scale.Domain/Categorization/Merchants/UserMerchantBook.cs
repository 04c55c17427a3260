using System.Collections.Frozen;

namespace Scale.Domain.Categorization;

/// <summary>One user's rename of a merchant: rows whose merchant has <see cref="MerchantKey"/> Key show DisplayName.</summary>
public sealed record MerchantOverride(string Key, string DisplayName);

/// <summary>
/// The names a user gave merchants (learned from feedback), applied over what SCALE resolved (the lexicon's brand,
/// the narration's counterparty, or the merchant the source supplied): the user's word is the last one on what
/// their own merchant is called. Immutable, so one book serves a whole import.
/// </summary>
public sealed class UserMerchantBook
{
    public static UserMerchantBook Empty { get; } = new([]);

    private readonly FrozenDictionary<string, string> _byKey;

    public UserMerchantBook(IEnumerable<MerchantOverride> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in overrides)
            if (entry.Key.Length > 0) map[entry.Key] = entry.DisplayName;
        _byKey = map.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public int Count => _byKey.Count;

    /// <summary>The name to show for <paramref name="merchant"/>: the user's, when they renamed it, else unchanged.</summary>
    public string? Display(string? merchant)
    {
        if (_byKey.Count == 0 || string.IsNullOrWhiteSpace(merchant)) return merchant;
        return _byKey.TryGetValue(MerchantKey.Of(merchant), out var renamed) ? renamed : merchant;
    }
}
