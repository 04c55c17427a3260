using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Scale.Functions.Api.Http;

/// <summary>Query-string readers shared by the list routes, so every list answers a bad value with the same message.</summary>
public static class QueryParameters
{
    /// <summary>The parameter's one value (null when absent); given twice is an error.</summary>
    public static string? One(IQueryCollection query, string name, Action<string, string> error)
    {
        if (!query.TryGetValue(name, out var values)) return null;
        if (values.Count != 1) { error(name, "Give this parameter at most once."); return null; }
        return values[0];
    }

    public static DateOnly? ReadDate(IQueryCollection query, string name, Action<string, string> error)
    {
        if (One(query, name, error) is not { } text) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        error(name, "Must be a date as YYYY-MM-DD.");
        return null;
    }

    /// <summary>A page size from 1 to <paramref name="max"/>; <paramref name="fallback"/> when absent.</summary>
    public static int ReadLimit(IQueryCollection query, int fallback, int max, Action<string, string> error)
    {
        if (One(query, "limit", error) is not { } text) return fallback;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 && limit <= max) return limit;
        error("limit", $"Must be a whole number from 1 to {max}.");
        return fallback;
    }
}
