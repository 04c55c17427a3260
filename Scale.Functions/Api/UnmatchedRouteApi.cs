using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Scale.Functions.Api.Http;

namespace Scale.Functions.Api;

/// <summary>
/// The answer for a request no route takes, identical in both hosts: 405 with <c>Allow</c> when the path is one
/// of ours under another method, otherwise 404; both as problem+json through the pipeline (request id, headers).
/// The Functions host reaches it through a lowest-precedence <c>{*path}</c> function (without it the host answers
/// a bare 404); the local host through its routing fallback.
/// </summary>
public sealed class UnmatchedRouteApi
{
    private static readonly (TemplateMatcher Matcher, string Method)[] Routes =
        ApiRoutes.All.Select(route => (new TemplateMatcher(TemplateParser.Parse(route.Template), new RouteValueDictionary()), route.Method)).ToArray();

    public IResult Answer(HttpRequest request)
    {
        var path = request.Path.Value ?? "/";
        var relative = path.StartsWith(ApiRoutes.Prefix + "/", StringComparison.OrdinalIgnoreCase)
            ? new PathString(path[ApiRoutes.Prefix.Length..])
            : (PathString?)null;
        if (relative is null) return Problems.NotFound();

        var allowed = Routes
            .Where(route => route.Matcher.TryMatch(relative.Value, new RouteValueDictionary()))
            .Select(route => route.Method)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        if (allowed.Length == 0) return Problems.NotFound();

        var problem = Problems.MethodNotAllowed($"{request.Method} is not accepted here; use {string.Join(" or ", allowed)}.");
        problem.Headers["Allow"] = string.Join(", ", allowed);
        return problem;
    }
}
