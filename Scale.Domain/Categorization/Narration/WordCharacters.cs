using System.Globalization;

namespace Scale.Domain.Categorization;

/// <summary>
/// What belongs to a word in a name or narration. Devanagari and the other Indic scripts write vowel signs as
/// combining marks (the "ा" of "चाय"): a letter-or-digit test alone cuts "चाय वाला" into "च य व ल", so keys,
/// tokens and name matches keep the marks with their letters.
/// </summary>
internal static class WordCharacters
{
    public static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || IsMark(c);

    public static bool IsLetterOrMark(char c) => char.IsLetter(c) || IsMark(c);

    private static bool IsMark(char c) =>
        CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
}
