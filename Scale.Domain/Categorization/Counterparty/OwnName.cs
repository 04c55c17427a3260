namespace Scale.Domain.Categorization;

/// <summary>
/// Whether a counterparty as printed is one of the user's own names. Banks cut and abbreviate names: SBI keeps 8
/// characters ("ANIKET R" for ANIKET RAMESH SHARMA), ICICI 10, others drop middle names or add "MR". So the printed
/// words must each start a word of the holder's name, in order, the first one whole, and cover at least two words
/// (or all of a one-word name): one shared first name ("RAHUL") is not enough to call a payment a self-transfer.
/// </summary>
internal static class OwnName
{
    private static readonly HashSet<string> Honorifics = new(StringComparer.Ordinal) { "MR", "MRS", "MS", "SHRI", "SMT", "DR", "MISS" };

    public static bool Matches(string printed, string holderName)
    {
        var p = Words(printed);
        var h = Words(holderName);
        if (p.Count == 0 || h.Count == 0) return false;
        if (p.Count < 2 && !(h.Count == 1 && p[0] == h[0])) return false;
        return MatchesInOrder(p, h) || MatchesInOrder(p, [.. h.AsEnumerable().Reverse()]);
    }

    private static bool MatchesInOrder(List<string> printed, List<string> holder)
    {
        if (printed[0] != holder[0]) return false;
        var next = 1;
        for (var i = 1; i < printed.Count; i++)
        {
            while (next < holder.Count && !holder[next].StartsWith(printed[i], StringComparison.Ordinal)) next++;
            if (next == holder.Count) return false;
            next++;
        }
        return true;
    }

    private static List<string> Words(string name) =>
        new string(name.ToUpperInvariant().Select(c => WordCharacters.IsLetterOrMark(c) ? c : ' ').ToArray())
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !Honorifics.Contains(w)).ToList();
}
