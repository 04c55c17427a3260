namespace Scale.Functions.Training;

/// <summary>Every training activity by its Durable name (nameof its class): what each host registers, and the parity tests hold both to.</summary>
public static class TrainingActivityTypes
{
    public static IReadOnlyList<(string Name, Type Type)> All { get; } =
    [
        (nameof(PrepareTrainingDataActivity), typeof(PrepareTrainingDataActivity)),
        (nameof(TrainCandidateActivity), typeof(TrainCandidateActivity)),
        (nameof(EvaluateCandidateActivity), typeof(EvaluateCandidateActivity)),
        (nameof(PublishCandidateActivity), typeof(PublishCandidateActivity)),
        (nameof(CompleteTrainingActivity), typeof(CompleteTrainingActivity)),
        (nameof(FailTrainingActivity), typeof(FailTrainingActivity)),
    ];

    /// <summary>Orchestrators by Durable name (each has a parameterless constructor: orchestrators take no services).</summary>
    public static IReadOnlyList<(string Name, Type Type)> Orchestrators { get; } = [(nameof(TrainingOrchestrator), typeof(TrainingOrchestrator))];
}
