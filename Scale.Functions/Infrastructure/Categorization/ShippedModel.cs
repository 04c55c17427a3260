using Microsoft.Extensions.Configuration;

namespace Scale.Functions.Infrastructure.Categorization;

/// <summary>
/// The base model shipped with the app (data/models/categorizer-*.bin, copied to models/ beside the binaries).
/// Categorization__ModelPath overrides it. The highest version by name wins when several are shipped.
/// </summary>
public static class ShippedModel
{
    public static string Locate(IConfiguration configuration)
    {
        if (configuration["Categorization:ModelPath"] is { Length: > 0 } configured) return configured;
        var folder = Path.Combine(AppContext.BaseDirectory, "models");
        var newest = Directory.Exists(folder)
            ? Directory.GetFiles(folder, "categorizer-*.bin").OrderByDescending(Path.GetFileName, StringComparer.Ordinal).FirstOrDefault()
            : null;
        return newest ?? throw new FileNotFoundException($"No shipped classifier (categorizer-*.bin) in {folder}; set Categorization__ModelPath.");
    }
}
