using Scale.Domain.Categorization;
using Scale.Domain.Transactions;
using static Scale.Domain.Categorization.Taxonomy;

namespace Scale.Bench.Categorization;

internal enum CorpusSplit
{
    /// <summary>Training layouts, training merchants, light truncation augmentation.</summary>
    Training,
    /// <summary>Same distribution as training, other random draws: fits temperature and threshold.</summary>
    Calibration,
    /// <summary>Evaluation (a): evaluation-only layouts and remarks, other payee names, truncation, reference noise.</summary>
    HeldOutStyles,
    /// <summary>Evaluation (c): merchants/payers from the lexicon's unseen split only.</summary>
    UnseenMerchants,
}

/// <summary>
/// Deterministic (seeded) generator of labelled Indian bank narrations for every category but Uncategorized.
/// Category recipes live in <see cref="CategoryRecipes"/>; this class owns splits, noise and amounts.
/// </summary>
internal sealed class CorpusGenerator(Lexicon lexicon)
{
    // What UPI apps write into the remark when the payer types nothing (PhonePe, Paytm, CRED, Google Pay).
    private static readonly string[] MerchantRemarks =
        ["PAYMENT", "UPI", "PAY TO MERCHANT", "NA", "PAYMENT FROM PHONE", "COLLECT", "UPI INTENT", "ORDER",
         "Paid via CRED", "Sent from Paytm", "Payment from PhonePe", "Sent using Paytm U", "OID", "Pay"];
    private static readonly string[] HeldOutMerchantRemarks = ["NO REMARKS", "PAYMENT", "UPI PAYMENT", "PAID"];

    public Lexicon Lexicon => lexicon;

    public List<LabelledExample> Generate(CorpusSplit split, int perCategory, int seed)
    {
        var r = new Random(seed);
        var recipes = new CategoryRecipes(this);
        var result = new List<LabelledExample>(perCategory * All.Count);
        foreach (var category in All)
        {
            if (category == Uncategorized) continue;
            if (split == CorpusSplit.UnseenMerchants && !recipes.HasUnseenEntities(category)) continue;
            for (var i = 0; i < perCategory; i++)
            {
                var ctx = new GenerationContext(r, split);
                var (description, type, amount) = recipes.Make(category, ctx);
                description = ApplyNoise(r, split, description);
                result.Add(new LabelledExample(new ClassificationInput(description, null, amount, type, Holder: ctx.Holder), category));
            }
        }
        return result;
    }

    private static string ApplyNoise(Random r, CorpusSplit split, string s)
    {
        // Every split sees app-export prefixes and line-wrap spaces: they are how real exports look.
        if (r.NextDouble() < 0.08) s = Noise.WrapSpaces(r, s);
        if (r.NextDouble() < 0.08) s = Noise.ExportPrefix(r, s);
        // Calibration sees the same kind of damage evaluation does (but on training layouts), so the fitted
        // temperature and threshold reflect real-world narrations rather than pristine ones.
        if (split is CorpusSplit.HeldOutStyles or CorpusSplit.Calibration)
        {
            if (r.NextDouble() < 0.3) s = $"{s} REF NO {Noise.Digits(r, r.Next(8, 16))}";
            if (r.NextDouble() < 0.35) s = Noise.Truncate(r, s, 24, 40);
            if (r.NextDouble() < 0.15) s = s.ToLowerInvariant();
            return s;
        }
        // Bank exports cut narrations at a column width; training sees some cuts so it does not rely on tails.
        return r.NextDouble() < 0.12 ? Noise.Truncate(r, s, 26, 45) : s;
    }

    /// <summary>
    /// Share of training/calibration rows whose counterparty is a made-up small business. Real statements have a
    /// long tail of merchants no lexicon lists; these rows teach the model what the rail, amount, remark and
    /// handle say on their own, and let calibration see how unsure it should be about a name it does not know.
    /// </summary>
    private const double LongTailRate = 0.1;
    private const double CalibrationLongTailRate = 0.2;
    private static readonly string[] Syllables =
        ["KA", "VI", "RO", "MA", "NI", "SHA", "TE", "LU", "PRA", "DHI", "GO", "ZE", "BHA", "SU", "YA", "RI", "AN", "OM"];
    private static readonly string[] NeutralSuffixes = ["", "", " ENTERPRISES", " TRADERS", " PVT LTD", " AND CO", " INDIA"];

    public string MerchantName(GenerationContext ctx, string category, string kind = "merchant")
    {
        // Calibration sees more made-up names than training: its job is to measure how unsure the model should be
        // about a counterparty it has never seen, which is most of a real statement's long tail.
        var longTail = ctx.Split switch { CorpusSplit.Training => LongTailRate, CorpusSplit.Calibration => CalibrationLongTailRate, _ => 0 };
        if (ctx.Random.NextDouble() < longTail)
            return LongTailName(ctx.Random, lexicon.Names("keyword", category, unseen: false));
        if (ctx.Split == CorpusSplit.Calibration && ctx.Random.Next(3) == 0 &&
            lexicon.CalibrationNames(kind, category) is { Count: > 0 } held) return Noise.Pick(ctx.Random, held);
        var names = lexicon.Names(kind, category, unseen: ctx.Split == CorpusSplit.UnseenMerchants);
        if (names.Count == 0) names = lexicon.Names(kind, category, unseen: false);
        return Noise.Pick(ctx.Random, names);
    }

    /// <summary>"KAVIRO TRADERS" or, when the category has keywords, "SHANIRO DENTAL CLINIC"-style names.</summary>
    private static string LongTailName(Random r, IReadOnlyList<string> keywords)
    {
        var name = string.Concat(Enumerable.Range(0, r.Next(2, 4)).Select(_ => Noise.Pick(r, Syllables)));
        return keywords.Count > 0 && r.Next(2) == 0
            ? name + " " + Noise.Pick(r, keywords)
            : name + Noise.Pick(r, NeutralSuffixes);
    }

    /// <summary>A merchant of the category with a handle and, for Federal's layout, a merchant category code.</summary>
    public Party MerchantParty(GenerationContext ctx, string category, string kind = "merchant") =>
        Party.Merchant(ctx.Random, MerchantName(ctx, category, kind)) with { Mcc = MerchantCategoryCodes.Pick(ctx.Random, category) };

    /// <summary>A name of a kind that has no unseen/long-tail handling of its own (wallets, card issuers).</summary>
    public string EntityName(GenerationContext ctx, string kind, string category)
    {
        var names = lexicon.Names(kind, category, unseen: ctx.Split == CorpusSplit.UnseenMerchants);
        return Noise.Pick(ctx.Random, names.Count > 0 ? names : lexicon.Names(kind, category, unseen: false));
    }

    public string CreditRemark(GenerationContext ctx, string category)
    {
        var names = ctx.Split == CorpusSplit.HeldOutStyles
            ? lexicon.AllNames("credit-remark", category)
            : lexicon.Names("credit-remark", category, unseen: false);
        return Noise.Pick(ctx.Random, names);
    }

    public string Remark(GenerationContext ctx, string category)
    {
        var names = ctx.Split == CorpusSplit.HeldOutStyles
            ? lexicon.AllNames("remark", category)
            : lexicon.Names("remark", category, unseen: false);
        return Noise.Pick(ctx.Random, names);
    }

    public static string MerchantRemark(GenerationContext ctx)
    {
        var pool = ctx.Split == CorpusSplit.HeldOutStyles ? HeldOutMerchantRemarks : MerchantRemarks;
        var remark = Noise.Pick(ctx.Random, pool);
        return remark switch
        {
            "ORDER" => "ORDER " + Noise.Digits(ctx.Random, 8),
            "OID" => "Oid" + Noise.Digits(ctx.Random, ctx.Random.Next(2, 12)),
            _ => remark,
        };
    }

    /// <summary>Log-uniform amount in [min, max], two decimals; round rupees half the time as people pay.</summary>
    public static decimal Amount(Random r, double min, double max)
    {
        var value = Math.Exp(Math.Log(min) + r.NextDouble() * (Math.Log(max) - Math.Log(min)));
        return r.Next(2) == 0 ? Math.Round((decimal)value, 0) : Math.Round((decimal)value, 2);
    }
}

internal sealed record GenerationContext(Random Random, CorpusSplit Split)
{
    /// <summary>Set by a recipe that writes a self-transfer: the account holder the narration's name belongs to.</summary>
    public AccountHolder? Holder { get; set; }

    public bool HeldOut => Split == CorpusSplit.HeldOutStyles;
    public TransactionType Debit => TransactionType.Debit;
    public TransactionType Credit => TransactionType.Credit;
}
