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
        var allowed = MethodsFor(request.Path);
        if (allowed.Count == 0) return Problems.NotFound();

        var problem = Problems.MethodNotAllowed($"{request.Method} is not accepted here; use {string.Join(" or ", allowed)}.");
        problem.Headers["Allow"] = string.Join(", ", allowed);
        return problem;
    }

    /// <summary>The methods our routes accept at <paramref name="path"/> (empty when no route has the path): the
    /// 405's Allow header and the CORS preflight's Access-Control-Allow-Methods, so both say the same.</summary>
    public static IReadOnlyList<string> MethodsFor(PathString path)
    {
        var value = path.Value ?? "/";
        if (!value.StartsWith(ApiRoutes.Prefix + "/", StringComparison.OrdinalIgnoreCase)) return [];
        var relative = new PathString(value[ApiRoutes.Prefix.Length..]);
        return Routes
            .Where(route => route.Matcher.TryMatch(relative, new RouteValueDictionary()))
            .Select(route => route.Method)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
    }
}
