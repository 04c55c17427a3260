using Microsoft.DurableTask;
using Scale.Functions.Training;

namespace Scale.Functions.Local.Training;

/// <summary>A shared training activity (<see cref="ITrainingActivity{TInput, TOutput}"/>) as the Microsoft.DurableTask activity the shims host.</summary>
internal sealed class SharedActivity<TInput, TOutput>(ITrainingActivity<TInput, TOutput> activity) : TaskActivity<TInput, TOutput>
{
    public override Task<TOutput> RunAsync(TaskActivityContext context, TInput input) => activity.ExecuteAsync(input, CancellationToken.None);
}

internal static class SharedActivity
{
    /// <summary>Wraps an activity instance whose input and output types are known only at run time (from <see cref="TrainingActivityTypes"/>).</summary>
    public static ITaskActivity For(object activity)
    {
        var contract = activity.GetType().GetInterfaces()
            .Single(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ITrainingActivity<,>));
        var adapter = typeof(SharedActivity<,>).MakeGenericType(contract.GetGenericArguments());
        return (ITaskActivity)Activator.CreateInstance(adapter, activity)!;
    }
}
