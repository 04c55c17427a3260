namespace Scale.Domain.Categorization.UserModels;

/// <summary>
/// The order of decisions: a user's rule wins outright; otherwise the user's model decides when it is confident
/// (<see cref="UserCategoryModel.MinConfidence"/>), and the base model's answer stands when it is not.
/// </summary>
public static class UserModelOverlay
{
    /// <param name="info">The narration's analysis when the caller has it (the base model's), else it is analyzed here.</param>
    public static ClassificationResult Apply(ClassificationResult ruleOrBase, ClassificationInput input, UserCategoryModel? userModel,
        NarrationInfo? info = null)
    {
        ArgumentNullException.ThrowIfNull(ruleOrBase);
        if (userModel is null || ruleOrBase.Source == ClassificationSources.Rule) return ruleOrBase;
        return userModel.Classify(input, info ?? NarrationAnalyzer.Analyze(input.Description), ruleOrBase) ?? ruleOrBase;
    }
}
