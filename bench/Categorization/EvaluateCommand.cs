namespace Scale.Bench.Categorization;
internal static class EvaluateCommand { public static void Run() => throw new NotImplementedException(); }
