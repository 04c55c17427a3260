using Scale.Domain.Transactions;

namespace Scale.Domain.Categorization;

internal enum FeatureKind : byte
{
    Bias,
    Token,
    Merchant,
    CharGram,
    Channel,
    Direction,
    ChannelDirection,
    AmountBand,
    VpaDomain,
    Marker,
    Counterparty,
    CounterpartyDirection,
    Mcc,
    MccGroup,
}

/// <summary>One active feature: its hashed bucket, value, and enough to name it in an explanation.</summary>
internal struct Feature
{
    public int Bucket;
    public float Value;
    public FeatureKind Kind;
    public string? Text;
    public int Start;
    public int Length;
    public int Code;
}

/// <summary>
/// Turns a transaction into sparse hashed features. Hashing (FNV-1a, seeded per feature kind) needs no
/// vocabulary, so an unseen merchant still lands on the buckets its character n-grams share with known ones
/// ("…medicals" near "…medical store"). The same code runs in training and serving, so they cannot drift apart.
/// </summary>
internal static class NarrationFeatures
{
    public const int MaxFeatures = 256;
    private const int MaxGramText = 40;
    private const int MinGram = 3;
    private const int MaxGram = 5;
    internal const int AmountBands = 14;

    /// <param name="kind">The counterparty kind for this user (<see cref="CounterpartyClassifier.ForUser"/>).</param>
    public static int Extract(ClassificationInput input, NarrationInfo info, CounterpartyKind kind, int bucketMask,
        Span<Feature> into)
    {
        var n = 0;
        Add(into, ref n, FeatureKind.Bias, 0, bucketMask, 1f);
        var channelCode = (int)info.Channel;
        Add(into, ref n, FeatureKind.Channel, channelCode, bucketMask, 1f);
        var direction = input.Type switch { TransactionType.Debit => 1, TransactionType.Credit => 2, _ => 0 };
        Add(into, ref n, FeatureKind.Direction, direction, bucketMask, 1f);
        Add(into, ref n, FeatureKind.ChannelDirection, channelCode * 3 + direction, bucketMask, 1f);
        if (input.Amount is { } amount && amount > 0)
            Add(into, ref n, FeatureKind.AmountBand, AmountBand(amount), bucketMask, 1f);
        if (info.HasCardMask) Add(into, ref n, FeatureKind.Marker, 1, bucketMask, 1f);
        if (info.HasReference) Add(into, ref n, FeatureKind.Marker, 2, bucketMask, 0.5f);
        if (info.VpaDomain is { } domain) AddText(into, ref n, FeatureKind.VpaDomain, domain, 0, domain.Length, bucketMask, 1f);
        // Who is paid matters as much as what the words say: a person is paid for anything, a merchant for its trade.
        Add(into, ref n, FeatureKind.Counterparty, (int)kind, bucketMask, 1f);
        Add(into, ref n, FeatureKind.CounterpartyDirection, (int)kind * 3 + direction, bucketMask, 1f);
        if (info.Mcc is { } mcc)
        {
            Add(into, ref n, FeatureKind.Mcc, mcc, bucketMask, 1f);
            Add(into, ref n, FeatureKind.MccGroup, mcc / 100, bucketMask, 1f);
        }

        foreach (var token in info.Tokens)
        {
            if (n >= into.Length - 1) break;
            AddText(into, ref n, FeatureKind.Token, token, 0, token.Length, bucketMask, 1f);
        }

        // Character n-grams of the counterparty (or, without one, of the cleaned words) carry the
        // generalization to merchants never seen in training.
        var merchant = !string.IsNullOrWhiteSpace(input.Merchant) ? input.Merchant : info.Merchant;
        string gramSource;
        if (merchant is not null)
        {
            var m = merchant.Trim().ToLowerInvariant();
            if (m.Length > 0) AddText(into, ref n, FeatureKind.Merchant, m, 0, m.Length, bucketMask, 1f);
            gramSource = " " + m + " ";
        }
        else
        {
            gramSource = " " + string.Join(' ', info.Tokens) + " ";
        }
        var textLength = Math.Min(gramSource.Length, MaxGramText);
        var grams = 0;
        for (var size = MinGram; size <= MaxGram; size++) grams += Math.Max(0, textLength - size + 1);
        if (grams == 0) return n;
        // 1/sqrt(count) keeps a long merchant name from outweighing the word features.
        var value = 1.5f / MathF.Sqrt(grams);
        for (var size = MinGram; size <= MaxGram; size++)
        {
            for (var start = 0; start + size <= textLength && n < into.Length; start++)
                AddText(into, ref n, FeatureKind.CharGram, gramSource, start, size, bucketMask, value);
        }
        return n;
    }

    /// <summary>Half-decade bands: 0 is below ₹1, 1 is ₹1–3.16, 2 is ₹3.16–10, … capped at 14 (≥ ₹1 crore).</summary>
    internal static int AmountBand(decimal amount)
    {
        var band = (int)Math.Floor(Math.Log10((double)amount) * 2) + 1;
        return Math.Clamp(band, 0, AmountBands);
    }

    private static void Add(Span<Feature> into, ref int n, FeatureKind kind, int code, int mask, float value)
    {
        if (n >= into.Length) return;
        var h = Mix(Seed(kind), (uint)code);
        into[n++] = new Feature { Bucket = (int)(h & (uint)mask), Value = Signed(h, value), Kind = kind, Code = code };
    }

    private static void AddText(Span<Feature> into, ref int n, FeatureKind kind, string text, int start, int length,
        int mask, float value)
    {
        if (n >= into.Length) return;
        var h = Seed(kind);
        foreach (var c in text.AsSpan(start, length)) h = (h ^ c) * 16777619u;
        var mixed = Finalize(h);
        into[n++] = new Feature
        {
            Bucket = (int)(mixed & (uint)mask), Value = Signed(mixed, value), Kind = kind, Text = text, Start = start, Length = length,
        };
    }

    /// <summary>
    /// Signed feature hashing (Weinberger et al., 2009): the hash's top bit, never part of a bucket index, gives each
    /// feature a sign, so two features sharing a bucket cancel in expectation instead of adding up. Without it an
    /// unseen brand's token could inherit, in full, the weight of a frequent feature of another category.
    /// </summary>
    private static float Signed(uint hash, float value) => (hash & 0x8000_0000u) != 0 ? -value : value;

    private static uint Seed(FeatureKind kind) => (2166136261u ^ (uint)kind) * 16777619u;

    private static uint Mix(uint h, uint code)
    {
        for (var i = 0; i < 4; i++)
        {
            h = (h ^ (code & 0xFF)) * 16777619u;
            code >>= 8;
        }
        return Finalize(h);
    }

    // FNV's low bits are weak; a murmur-style finalizer spreads them before masking to the bucket count.
    private static uint Finalize(uint h)
    {
        h ^= h >> 16;
        h *= 0x85ebca6b;
        h ^= h >> 13;
        h *= 0xc2b2ae35;
        h ^= h >> 16;
        return h;
    }
}
