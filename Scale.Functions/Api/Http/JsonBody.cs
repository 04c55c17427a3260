using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Scale.Functions.Api.Http;

/// <summary>A parsed request body or the problem that explains why it could not be parsed.</summary>
public readonly record struct BodyOrProblem<T>(T? Value, ProblemResult? Problem) where T : class;

/// <summary>Reads JSON request bodies with the API's conventions and precise 4xx answers.</summary>
public static class JsonBody
{
    public static async Task<BodyOrProblem<T>> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken) where T : class
    {
        if (!IsJson(request.ContentType))
            return new(null, Problems.UnsupportedMediaType("Send the body as application/json."));
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, ScaleJson.Options, cancellationToken);
            return value is null
                ? new(null, Problems.MalformedJson("The body must be a JSON object, not null."))
                : new(value, null);
        }
        catch (JsonException ex)
        {
            // Path and position, never the raw payload: bodies may carry financial data.
            var where = ex.Path is { Length: > 0 } path ? $" at {path}" : string.Empty;
            return new(null, Problems.MalformedJson($"The body is not valid JSON for this route{where}{Position(ex)}: {Reason(ex)}"));
        }
    }

    public static bool IsJson(string? contentType) =>
        contentType is not null &&
        (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) ||
         (contentType.StartsWith("application/", StringComparison.OrdinalIgnoreCase) &&
          contentType.Split(';')[0].EndsWith("+json", StringComparison.OrdinalIgnoreCase)));

    /// <summary>" (line L, position P)" of a reader error, or empty.</summary>
    public static string Position(JsonException ex) =>
        ex.LineNumber is { } l ? $" (line {l + 1}, position {ex.BytePositionInLine + 1})" : string.Empty;

    /// <summary>
    /// Why the body could not be read, in the contract's terms: System.Text.Json names .NET types ("could not be
    /// converted to System.Nullable`1[System.Decimal]"), which mean nothing to a client and describe our internals.
    /// </summary>
    public static string Reason(JsonException ex)
    {
        var message = ex.Message;
        if (message.Contains("maximum configured depth", StringComparison.Ordinal))
            return $"nested deeper than {ScaleJson.MaxDepth} levels (a row's raw object may nest {Scale.Domain.Ingestion.DraftRules.MaxRawDepth}).";
        if (message.Contains("could not be converted to", StringComparison.Ordinal))
            return "a value has the wrong JSON type for its field.";
        // System.Text.Json messages append "Path: ... | LineNumber: ..." which we already rendered.
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
