using Microsoft.Extensions.Configuration;

namespace Scale.Functions.Infrastructure.Categorization;

/// <summary>
/// The base model shipped with the app (data/models/categorizer-*.bin, copied to models/ beside the binaries).
/// Categorization__ModelPath overrides it. When several are shipped the highest version wins, compared as a version
/// (1.10.0 is newer than 1.9.0), never as a string.
/// </summary>
public static class ShippedModel
{
    private const string Prefix = "categorizer-";
    private const string Extension = ".bin";

    public static string Locate(IConfiguration configuration)
    {
        if (configuration["Categorization:ModelPath"] is { Length: > 0 } configured) return configured;
        var folder = Path.Combine(AppContext.BaseDirectory, "models");
        var newest = Directory.Exists(folder) ? Newest(Directory.GetFiles(folder, Prefix + "*" + Extension)) : null;
        return newest ?? throw new FileNotFoundException($"No shipped classifier (categorizer-*.bin) in {folder}; set Categorization__ModelPath.");
    }

    /// <summary>
    /// The path whose file name carries the highest version. Names whose version does not parse (categorizer-x.bin)
    /// rank below every versioned one, and among themselves by ordinal name, so the choice is always deterministic.
    /// </summary>
    public static string? Newest(IEnumerable<string> paths) =>
        paths.OrderByDescending(VersionOf).ThenByDescending(Path.GetFileName, StringComparer.Ordinal).FirstOrDefault();

    private static Version VersionOf(string path)
    {
        var name = Path.GetFileName(path);
        if (!name.StartsWith(Prefix, StringComparison.Ordinal) || !name.EndsWith(Extension, StringComparison.Ordinal))
            return new Version(0, 0);
        var text = name[Prefix.Length..^Extension.Length];
        // "1.10.0" and "2" are versions; a pre-release suffix ("1.2.0-rc1") ranks with its release number.
        var core = text.Split('-', 2)[0];
        if (!core.Contains('.')) core += ".0";
        return Version.TryParse(core, out var version) ? version : new Version(0, 0);
    }
}
