namespace Scale.Functions.Api;

/// <summary>
/// Validation of the account-holder fields of PUT /settings: the names the user's accounts are held in and their
/// own account numbers. Categorization compares them with narrations to recognise transfers between the user's own
/// accounts, so they must look like what banks print: names of letters (any script), spaces, '.', '\'' and '-';
/// account numbers of 4 to 20 digits (spaces and hyphens as typed are dropped).
/// </summary>
internal static class AccountHolderSettings
{
    public const int MaxNames = 5;
    public const int MaxNameLength = 100;
    public const int MaxAccounts = 10;

    public static string[]? Names(List<string?>? names, Dictionary<string, string[]> errors)
    {
        const string field = "account_holder_names";
        if (names is null) return null;
        if (names.Count > MaxNames) { errors[field] = [$"At most {MaxNames} names."]; return null; }
        var result = new List<string>(names.Count);
        for (var i = 0; i < names.Count; i++)
        {
            var name = string.Join(' ', (names[i] ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries));
            if (name.Length is < 2 or > MaxNameLength || name.Count(char.IsLetter) < 2 ||
                !name.All(c => char.IsLetter(c) || c is ' ' or '.' or '\'' or '-'))
            {
                errors[$"{field}[{i}]"] = [$"A name of 2 to {MaxNameLength} letters, spaces, '.', ''' or '-'."];
                continue;
            }
            if (!result.Contains(name, StringComparer.OrdinalIgnoreCase)) result.Add(name);
        }
        return [.. result];
    }

    public static string[]? AccountNumbers(List<string?>? accounts, Dictionary<string, string[]> errors)
    {
        const string field = "own_account_numbers";
        if (accounts is null) return null;
        if (accounts.Count > MaxAccounts) { errors[field] = [$"At most {MaxAccounts} account numbers."]; return null; }
        var result = new List<string>(accounts.Count);
        for (var i = 0; i < accounts.Count; i++)
        {
            var raw = accounts[i] ?? string.Empty;
            var digits = new string(raw.Where(c => c is not (' ' or '-')).ToArray());
            if (digits.Length is < 4 or > 20 || !digits.All(char.IsAsciiDigit))
            {
                errors[$"{field}[{i}]"] = ["An account number of 4 to 20 digits."];
                continue;
            }
            if (!result.Contains(digits, StringComparer.Ordinal)) result.Add(digits);
        }
        return [.. result];
    }
}
