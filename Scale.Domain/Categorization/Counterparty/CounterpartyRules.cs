namespace Scale.Domain.Categorization;

/// <summary>What a counterparty rule decided: the category, its confidence, the ranked guesses and why.</summary>
internal sealed record CounterpartyDecision(string Category, double Confidence, CategoryScore[] Alternatives, string Reason);

/// <summary>
/// Decisions the narration's counterparty makes before the model's ranking does. A payment between the user's own
/// accounts is a transfer. A payment to a person is a transfer too, unless the model is sure of something else
/// (a "RENT" or "SALARY" remark): what a person was paid for (lunch from a street vendor, a tutor, a landlord)
/// is usually not in the narration, so the answer comes back with a low confidence for the user to correct; their
/// correction becomes their rule, and rules are applied before the model (<see cref="CategorizationEngine"/>).
/// </summary>
internal static class CounterpartyRules
{
    /// <summary>
    /// The confidence of "Transfers" for a payment to a person. Fixed rather than fitted: the training corpus only
    /// knows person payments that are transfers or rent, so a fitted value would say ~1.0 while real statements
    /// carry vendors, tutors and helpers paid by UPI. Below 0.90 so these rows are never counted as sure answers.
    /// </summary>
    public const double PersonConfidence = 0.85;

    /// <summary>A transfer to the user's own account is a transfer by definition; the residue is mis-detection.</summary>
    public const double OwnAccountConfidence = 0.97;

    /// <summary>Above this the model's own answer stands for a person payment (an explicit remark decided it).</summary>
    public const float ModelOverride = 0.90f;

    /// <summary>
    /// Rent and tuition are paid to people: a landlord or a tutor is a person, and a "RENT" or "TUITION" remark is
    /// what says so, so for these the model's answer stands from this (lower) probability.
    /// </summary>
    public const float PaidToPeopleOverride = 0.50f;

    private static readonly string[] PaidToPeople = [Taxonomy.Rent, Taxonomy.Education];

    public static CounterpartyDecision? Decide(CounterpartyKind kind, ReadOnlySpan<float> probs, IReadOnlyList<string> classes,
        ReadOnlySpan<int> top)
    {
        var transfers = IndexOf(classes, Taxonomy.Transfers);
        if (transfers < 0) return null;
        switch (kind)
        {
            case CounterpartyKind.OwnAccount:
                return Transfer(Math.Max(OwnAccountConfidence, probs[transfers]), probs, classes, top, transfers,
                    "between your own accounts");
            case CounterpartyKind.Person when top[0] == transfers || probs[top[0]] < OverrideFor(classes[top[0]]):
                return Transfer(PersonConfidence, probs, classes, top, transfers,
                    "a payment to or from a person: Transfers unless you teach otherwise");
            default:
                return null;
        }
    }

    private static float OverrideFor(string category) =>
        Array.IndexOf(PaidToPeople, category) >= 0 ? PaidToPeopleOverride : ModelOverride;

    /// <summary>Transfers first at <paramref name="confidence"/>; the model's other guesses share the rest in proportion.</summary>
    private static CounterpartyDecision Transfer(double confidence, ReadOnlySpan<float> probs, IReadOnlyList<string> classes,
        ReadOnlySpan<int> top, int transfers, string reason)
    {
        double others = 0;
        for (var c = 0; c < probs.Length; c++) if (c != transfers) others += probs[c];
        var alternatives = new List<CategoryScore>(top.Length) { new(Taxonomy.Transfers, Math.Round(confidence, 4)) };
        foreach (var c in top)
        {
            if (c == transfers || alternatives.Count == top.Length) continue;
            var share = others > 0 ? probs[c] / others * (1 - confidence) : 0;
            alternatives.Add(new CategoryScore(classes[c], Math.Round(share, 4)));
        }
        return new CounterpartyDecision(Taxonomy.Transfers, Math.Round(confidence, 4), [.. alternatives], reason);
    }

    private static int IndexOf(IReadOnlyList<string> classes, string category)
    {
        for (var i = 0; i < classes.Count; i++) if (classes[i] == category) return i;
        return -1;
    }
}
