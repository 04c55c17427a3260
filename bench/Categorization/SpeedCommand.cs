namespace Scale.Bench.Categorization;
internal static class SpeedCommand { public static void Run() => throw new NotImplementedException(); }
