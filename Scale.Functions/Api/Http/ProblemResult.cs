using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Scale.Functions.Pipeline;

namespace Scale.Functions.Api.Http;

/// <summary>
/// An RFC 7807 problem response in the API's shape: {type, title, status, detail, instance, request_id, errors?}.
/// request_id and instance are filled when the result executes, so every error everywhere carries them.
/// </summary>
public sealed class ProblemResult : IResult, IStatusCodeHttpResult
{
    public const string ContentType = "application/problem+json";
    public const string TypeBase = "https://scale.app/problems/";

    public ProblemResult(int status, string code, string title, string detail,
        IReadOnlyDictionary<string, string[]>? errors = null, IReadOnlyDictionary<string, object?>? extensions = null)
    {
        Status = status;
        Code = code;
        Title = title;
        Detail = detail;
        Errors = errors;
        Extensions = extensions;
    }

    public int Status { get; }
    /// <summary>Machine-readable reason; the problem type is <see cref="TypeBase"/> + code.</summary>
    public string Code { get; }
    public string Title { get; }
    public string Detail { get; }
    public IReadOnlyDictionary<string, string[]>? Errors { get; }
    public IReadOnlyDictionary<string, object?>? Extensions { get; }
    /// <summary>Extra response headers (WWW-Authenticate, Retry-After, Allow...).</summary>
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    int? IStatusCodeHttpResult.StatusCode => Status;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = Status;
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-store";
        foreach (var (name, value) in Headers) response.Headers[name] = value;

        var body = new Dictionary<string, object?>
        {
            ["type"] = TypeBase + Code,
            ["title"] = Title,
            ["status"] = Status,
            ["detail"] = Detail,
            ["instance"] = httpContext.Request.Path.Value,
            ["request_id"] = RequestIds.Get(httpContext),
        };
        if (Errors is { Count: > 0 }) body["errors"] = Errors;
        if (Extensions is not null)
            foreach (var (key, value) in Extensions) body[key] = value;

        await JsonSerializer.SerializeAsync(response.Body, body, ScaleJson.Options, httpContext.RequestAborted);
    }
}
