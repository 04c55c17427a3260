using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.DependencyInjection;
using Scale.Functions.Api;
using Scale.Functions.Pipeline;

namespace Scale.Functions.Azure;

/// <summary>
/// Runs the host-neutral <see cref="RequestPipeline"/> around every HTTP invocation. Registered with
/// UseMiddleware (a singleton), so per-invocation services come from <c>context.InstanceServices</c>.
/// </summary>
public sealed class PipelineMiddleware : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        var http = context.GetHttpContext();
        if (http is null)
        {
            await next(context); // blob, timer, durable: no HTTP pipeline
            return;
        }

        var route = ApiRoutes.FindByFunctionName(context.FunctionDefinition.Name); // CorsPreflight → null, fine
        var pipeline = context.InstanceServices.GetRequiredService<RequestPipeline>();
        var result = await pipeline.RunAsync(http, route, async () =>
        {
            await next(context);
            AdaptHandlerResult(context);
        });

        if (result is not null)
            context.GetInvocationResult().Value = new HttpResultAction(result);
    }

    /// <summary>
    /// Handlers return <see cref="Microsoft.AspNetCore.Http.IResult"/>. Recent Http.AspNetCore versions execute an
    /// IResult invocation result themselves; older ones only execute IActionResult. Wrapping makes both work.
    /// </summary>
    private static void AdaptHandlerResult(FunctionContext context)
    {
        var invocation = context.GetInvocationResult();
        if (invocation.Value is Microsoft.AspNetCore.Http.IResult result and not IActionResult)
            invocation.Value = new HttpResultAction(result);
    }

    /// <summary>An IResult executed through the IActionResult path the worker extension has always supported.</summary>
    private sealed class HttpResultAction(Microsoft.AspNetCore.Http.IResult result) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context) => result.ExecuteAsync(context.HttpContext);
    }
}
