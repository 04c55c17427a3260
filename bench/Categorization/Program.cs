using Scale.Bench.Categorization;

// dotnet run -c Release --project bench/Categorization -- train|evaluate|speed|compare
var command = args.Length > 0 ? args[0] : "help";
switch (command)
{
    case "train":
        TrainCommand.Run();
        return 0;
    case "evaluate":
        // --model <path>: evaluate another artifact (a previous version) on the same sets.
        var modelAt = Array.IndexOf(args, "--model");
        EvaluateCommand.Run(args.Contains("--errors"), modelAt > 0 && modelAt + 1 < args.Length ? args[modelAt + 1] : RepoPaths.Model);
        return 0;
    case "speed":
        SpeedCommand.Run();
        return 0;
    case "compare":
        if (args.Length > 1) CompareCommand.Run(float.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
        else CompareCommand.Run();
        return 0;
    default:
        Console.WriteLine("usage: train | evaluate | speed | compare");
        Console.WriteLine("  train     generate the seeded corpus, train, write data/models/<version>.bin");
        Console.WriteLine("  evaluate  accuracy / macro-F1 on held-out styles, a user's later months, unseen merchants [--errors] [--model path]");
        Console.WriteLine("  speed     load time, single classify p50/p99, batch of 1,000, rows/s over 100,000 rows");
        Console.WriteLine("  compare   [l2] a base model trained now (ML.NET, optionally another L2) beside the shipped one, same sets");
        return command == "help" ? 0 : 2;
}
