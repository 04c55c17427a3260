namespace Scale.Domain.Ingestion.Parsing;

/// <summary>What a statement column means to us.</summary>
internal enum ColumnRole
{
    Date, Description, Reference, Debit, Credit, Amount, DrCr, Merchant, Category, PaymentMethod,
    /// <summary>The running balance after the row: kept in Raw and used to prove the parse (<see cref="BalanceProof"/>).</summary>
    Balance,
    /// <summary>A column that identifies the layout (e.g. HDFC's "Closing Balance") but is only kept in Raw.</summary>
    Identifying,
}

/// <summary>
/// One column a layout looks for: its role, the label we show when it is missing, and the header spellings that
/// name it, compared after <see cref="BankLayout.NormalizeHeader"/> (so "Chq./Ref.No." is "chqrefno").
/// Earlier aliases win: "transaction date" is preferred to "value date" when both exist.
/// </summary>
internal sealed record ColumnRule(ColumnRole Role, string Label, params string[] Aliases);

/// <summary>
/// A declarative statement layout: the columns that identify it and where each field comes from. Every bank
/// is one of these (see <see cref="BankLayouts"/>); one shared reader (<see cref="StatementTableReader"/>)
/// turns rows into drafts, so a new bank is a new definition, not a new parsing loop.
/// </summary>
internal sealed record BankLayout(
    string Bank,
    IReadOnlyList<ColumnRule> Required,
    IReadOnlyList<ColumnRule> Optional,
    bool AllowsExplicitEnrichment = false)
{
    /// <summary>
    /// A credit-card statement: one amount column where a plain amount is a purchase (debit) and a negative one a
    /// payment or refund, the opposite of a bank account's signed amount.
    /// </summary>
    public bool IsCard { get; init; }

    /// <summary>
    /// Words the lines above the header must contain (normalized like headers) for the layout to apply, for
    /// layouts whose header alone is too common to name the bank ("Date, Transaction Details, Amount").
    /// </summary>
    public IReadOnlyList<string> PreambleMarkers { get; init; } = [];

    // Parenthesized format hints that say nothing about the column's meaning: "Transaction Date (dd/mm/yyyy)",
    // "Amount(INR)", "Amount (Rs.)", "Amount ( ₹ )". Removed before matching so the names underneath match.
    private static readonly HashSet<string> FormatHints = new(StringComparer.Ordinal)
    {
        "", "inr", "rs", "ddmmyyyy", "ddmmyy", "ddmmmyyyy", "ddmmmyy", "yyyymmdd", "mmddyyyy", "ddmonyyyy", "inrs",
    };

    public static string NormalizeHeader(string header)
    {
        Span<char> buffer = stackalloc char[Math.Min(header.Length, 128)];
        var n = 0;
        var groupStart = -1;
        foreach (var ch in header)
        {
            if (ch == '(') { groupStart = n; continue; }
            if (ch == ')' && groupStart >= 0)
            {
                if (FormatHints.Contains(new string(buffer[groupStart..n]))) n = groupStart;
                groupStart = -1;
                continue;
            }
            if (n == buffer.Length) break;
            if (char.IsLetterOrDigit(ch)) buffer[n++] = char.ToLowerInvariant(ch);
        }
        return new string(buffer[..n]);
    }
}

/// <summary>A layout matched against a concrete header row: column index per role, and unique header names.</summary>
internal sealed class ResolvedLayout
{
    public required BankLayout Layout { get; init; }
    public required IReadOnlyDictionary<ColumnRole, int> Columns { get; init; }
    /// <summary>Header text per column, made unique ("Dr / Cr", "Dr / Cr (2)") so every cell fits in Raw.</summary>
    public required IReadOnlyList<string> HeaderNames { get; init; }

    public int? this[ColumnRole role] => Columns.TryGetValue(role, out var i) ? i : null;

    /// <summary>A row's cell for <paramref name="role"/>, trimmed, with control characters a file may carry made
    /// spaces (<see cref="TextRules"/>); empty when the layout has no such column or the row is short.</summary>
    public string CellText(string[] cells, ColumnRole role) =>
        this[role] is { } i && i < cells.Length ? TextRules.ReplaceDisallowedControls(cells[i]).Trim() : string.Empty;

    /// <summary>Tries to match <paramref name="layout"/> to a header row; returns the labels of missing columns.</summary>
    public static ResolvedLayout? TryMatch(BankLayout layout, IReadOnlyList<string> header, out List<string> missing) =>
        TryMatch(layout, header, header.Select(BankLayout.NormalizeHeader).ToArray(), out missing);

    public static ResolvedLayout? TryMatch(BankLayout layout, IReadOnlyList<string> header, string[] normalized, out List<string> missing)
    {
        var columns = new Dictionary<ColumnRole, int>();
        var used = new HashSet<int>();
        missing = [];
        foreach (var rule in layout.Required)
        {
            var index = Find(rule, normalized, used);
            if (index is null) { missing.Add(rule.Label); continue; }
            columns[rule.Role] = index.Value;
            used.Add(index.Value);
        }
        foreach (var rule in layout.Optional)
        {
            if (columns.ContainsKey(rule.Role)) continue;
            var index = Find(rule, normalized, used);
            if (index is not null) { columns[rule.Role] = index.Value; used.Add(index.Value); }
        }
        var hasAmount = columns.ContainsKey(ColumnRole.Amount)
            || (columns.ContainsKey(ColumnRole.Debit) && columns.ContainsKey(ColumnRole.Credit));
        if (!hasAmount) missing.Add("amount or debit/credit");
        if (missing.Count > 0) return null;
        return new ResolvedLayout { Layout = layout, Columns = columns, HeaderNames = UniqueNames(header) };
    }

    /// <summary>The same columns read as another bank's layout (bank identified from narrations, not headers).</summary>
    public ResolvedLayout As(BankLayout layout) => new() { Layout = layout, Columns = Columns, HeaderNames = HeaderNames };

    private static int? Find(ColumnRule rule, string[] normalized, HashSet<int> used)
    {
        foreach (var alias in rule.Aliases)
        {
            for (var i = 0; i < normalized.Length; i++)
            {
                if (!used.Contains(i) && normalized[i] == alias) return i;
            }
        }
        return null;
    }

    private static string[] UniqueNames(IReadOnlyList<string> header)
    {
        var names = new string[header.Count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim();
            if (name.Length == 0) name = $"Column {i + 1}";
            var candidate = name;
            for (var k = 2; !seen.Add(candidate); k++) candidate = $"{name} ({k})";
            names[i] = candidate;
        }
        return names;
    }
}
