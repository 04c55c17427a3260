namespace Scale.Functions.Local;

public static class LocalEntryPoint
{
    public static Task<int> RunAsync(string[] args) => Task.FromResult(args.Length);
}
