using System.Buffers;

namespace Scale.Domain.Ingestion;

/// <summary>
/// The one control-character rule for text that enters the system (narrations, merchants, categories, payment
/// methods, references; on import, classify and feedback alike): tab and line breaks are allowed, every other
/// control character (C0, DEL, C1) is not. A JSON client that sends one is told so (the import rejects that row by
/// index; classify and feedback answer 400 with the field named). A statement file cannot be corrected by the person
/// uploading it, so its parsers replace such characters with a space (<see cref="ReplaceDisallowedControls"/>) and
/// keep the row: the fingerprint already reads a control character as white space, so the row's identity is the
/// same either way.
/// </summary>
public static class TextRules
{
    public const string ControlCharacterMessage = "must not contain control characters (tab and line breaks are allowed).";
    /// <summary>The same rule as a field error of the classify and feedback APIs.</summary>
    public const string ControlCharacterFieldError = "Must not contain control characters (tab and line breaks are allowed).";

    // Every char.IsControl character except \t, \n and \r; a vectorized search, since every text field of every
    // imported row is checked.
    private static readonly SearchValues<char> Disallowed = SearchValues.Create(
        Enumerable.Range(0, 0xA0).Select(i => (char)i).Where(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r')).ToArray());

    public static bool ContainsDisallowedControl(string? value) => value is not null && value.AsSpan().ContainsAny(Disallowed);

    public static string ReplaceDisallowedControls(string value) =>
        ContainsDisallowedControl(value) ? string.Create(value.Length, value, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++) span[i] = Disallowed.Contains(source[i]) ? ' ' : source[i];
        }) : value;
}
