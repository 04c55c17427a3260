namespace Scale.Functions.Local;

/// <summary>
/// Reads the KEY=VALUE file written by scripts/local-stack.sh (".local/stack.env"), turning "__" into ":" as
/// environment variables do. Found through SCALE_STACK_ENV, else by walking up from the working directory.
/// Developer convenience only: real environment variables always win over it.
/// </summary>
public static class StackEnvFile
{
    public static string? Locate()
    {
        var explicitPath = Environment.GetEnvironmentVariable("SCALE_STACK_ENV");
        if (!string.IsNullOrEmpty(explicitPath)) return File.Exists(explicitPath) ? explicitPath : null;
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, ".local", "stack.env");
                if (File.Exists(candidate)) return candidate;
            }
        }
        return null;
    }

    public static Dictionary<string, string?> Read(string path)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in File.ReadLines(path))
        {
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || line.StartsWith('#')) continue;
            values[line[..eq].Trim().Replace("__", ":", StringComparison.Ordinal)] = line[(eq + 1)..];
        }
        return values;
    }
}
