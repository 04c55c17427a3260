namespace Scale.Functions.Tests.Support;

/// <summary>The checkout the tests run from (files the tests read as they are in the repo: settings, host.json).</summary>
public static class RepoPaths
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Scale.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Scale.slnx not found above the test output.");
    }
}
