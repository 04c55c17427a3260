using System.Globalization;
using Scale.Domain.Categorization;
using Scale.Domain.Transactions;

namespace Scale.Bench.Categorization;

/// <summary>
/// Evaluation (d), data/categorization/real-format-eval.tsv: hand-written narrations in documented real layouts
/// (see the file's header). Comment lines "# holder-names:" and "# holder-accounts:" give the account holder, as
/// the user's settings would, so self-transfers can be recognised.
/// </summary>
internal static class RealFormatSet
{
    public static List<LabelledExample> Load(string path)
    {
        var names = new List<string>();
        var accounts = new List<string>();
        var rows = new List<(string Description, TransactionType Type, decimal Amount, string Category)>();
        var header = true;
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith("# holder-names:", StringComparison.Ordinal)) names.AddRange(List(line));
            else if (line.StartsWith("# holder-accounts:", StringComparison.Ordinal)) accounts.AddRange(List(line));
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (header) { header = false; continue; }
            var parts = line.Split('\t');
            if (parts.Length != 4 || !Taxonomy.TryNormalize(parts[3], out var category) ||
                !decimal.TryParse(parts[2], NumberStyles.Number, CultureInfo.InvariantCulture, out var amount))
                throw new InvalidDataException($"Bad evaluation line: {line}");
            var type = parts[1] == "credit" ? TransactionType.Credit : TransactionType.Debit;
            rows.Add((parts[0], type, amount, category));
        }
        var holder = new AccountHolder(names, accounts);
        return rows.Select(r => new LabelledExample(new ClassificationInput(r.Description, null, r.Amount, r.Type, Holder: holder),
            r.Category)).ToList();
    }

    private static IEnumerable<string> List(string line) =>
        line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
