using Scale.Domain.Categorization;

namespace Scale.Domain.Transactions;

/// <summary>
/// Who chose a stored transaction's category (transactions.category_source): the source, SCALE at import (the
/// <see cref="ClassificationSources"/> of the answer), or the user's feedback on that row. Feedback recategorizes
/// only rows whose category SCALE chose (<see cref="ChosenByScale"/>).
/// </summary>
public static class CategorySources
{
    /// <summary>The client or the statement gave the category (a labelled upload included).</summary>
    public const string Source = "source";
    /// <summary>The user set it on this row by feedback.</summary>
    public const string Feedback = "feedback";

    /// <summary>The sources whose categories are SCALE's answers, which a user's correction may replace.</summary>
    public static IReadOnlyList<string> ChosenByScale { get; } = [ClassificationSources.Rule, ClassificationSources.Model, ClassificationSources.Default];
}
