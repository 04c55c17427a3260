using System.Text.Json;
using System.Text.Json.Nodes;

namespace Scale.Functions.Tests.Contract;

/// <summary>
/// Checks one real response against the OpenAPI document: the request's path and method must be a documented
/// operation (or the response must be the API's 404/405 problem for an unknown route), the status must be
/// documented, required headers present, the media type documented and the JSON body valid for its schema.
/// </summary>
public sealed class ResponseContractValidator(OpenApiContract contract)
{
    /// <summary>The API's bare-status problems for requests no operation matches (unknown path, wrong method).</summary>
    private static readonly int[] UnmatchedStatuses = [404, 405];

    /// <summary>The operation the response was matched to (or "unmatched") and every way it breaks the contract.</summary>
    public (string Operation, IReadOnlyList<string> Violations) Check(string method, string path, int status, IReadOnlyDictionary<string, string> headers,
        string? mediaType, ReadOnlySpan<byte> body)
    {
        var violations = new List<string>();
        var basePath = contract.BasePath;
        var relative = path.StartsWith(basePath + "/", StringComparison.OrdinalIgnoreCase) ? path[basePath.Length..] : null;
        var candidates = relative is null ? [] : contract.MatchPath(relative).ToList();
        var operation = candidates.FirstOrDefault(op => string.Equals(op.Method, method, StringComparison.OrdinalIgnoreCase));

        if (operation is null)
        {
            // CORS preflights are answered by the pipeline for every route (204, or a 403 problem): no operation.
            if (method.Equals("OPTIONS", StringComparison.OrdinalIgnoreCase) && status == 204) return ("preflight", violations);
            if (!UnmatchedStatuses.Contains(status) && !(method.Equals("OPTIONS", StringComparison.OrdinalIgnoreCase) && status == 403))
                violations.Add($"{method} {path} is not a documented operation, and the answer {status} is not the 404/405 problem an unknown route gets.");
            var problem = contract.Resolve(contract.Document["components"]!["responses"]!["NotFound"]!.AsObject());
            CheckContent("unmatched", status, problem, headers, mediaType, body, violations);
            return ("unmatched", violations);
        }

        if (contract.FindResponse(operation, status) is not { } documented)
        {
            violations.Add($"status {status} is not documented (documented: {string.Join(", ", operation.Responses.Select(r => r.Key))}).");
            return (operation.OperationId, violations);
        }

        foreach (var (name, header) in documented.Response["headers"]?.AsObject() ?? [])
            if (contract.Resolve(header!.AsObject())["required"]?.GetValue<bool>() == true && !headers.ContainsKey(name))
                violations.Add($"required header {name} is missing.");
        CheckContent($"{operation.OperationId}/{documented.Key}", status, documented.Response, headers, mediaType, body, violations);
        return (operation.OperationId, violations);
    }

    private void CheckContent(string key, int status, JsonObject response, IReadOnlyDictionary<string, string> headers,
        string? mediaType, ReadOnlySpan<byte> body, List<string> violations)
    {
        var content = response["content"]?.AsObject();
        if (content is null || content.Count == 0)
        {
            if (body.Length > 0) violations.Add($"the response has a {mediaType} body of {body.Length} bytes; the document says it has none.");
            return;
        }
        if (mediaType is null || content[mediaType] is not JsonObject media)
        {
            violations.Add($"media type {mediaType ?? "(none)"} is not documented (documented: {string.Join(", ", content.Select(c => c.Key))}).");
            return;
        }
        if (!IsJson(mediaType) || media["schema"] is not { } schema) return;

        JsonElement instance;
        try
        {
            using var parsed = JsonDocument.Parse(body.ToArray());
            instance = parsed.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            violations.Add($"the body is not JSON: {ex.Message}");
            return;
        }
        violations.AddRange(OpenApiContract.Violations(contract.SchemaFor($"{key}/{mediaType}", schema), instance));

        // API.md: a problem repeats its HTTP status and carries the response's X-Request-ID.
        if (mediaType == "application/problem+json" && instance.ValueKind == JsonValueKind.Object)
        {
            if (instance.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.Number && s.GetInt32() != status)
                violations.Add($"/status: the problem says {s.GetInt32()} but the response is {status}.");
            if (instance.TryGetProperty("request_id", out var id) && headers.TryGetValue("X-Request-ID", out var header) && id.GetString() != header)
                violations.Add($"/request_id: {id.GetString()} is not the X-Request-ID header {header}.");
        }
    }

    private static bool IsJson(string mediaType) =>
        mediaType == "application/json" || mediaType.EndsWith("+json", StringComparison.Ordinal);

    /// <summary>Header names of a real response, case-insensitive, values joined as they arrived.</summary>
    public static IReadOnlyDictionary<string, string> HeadersOf(HttpResponseMessage response) =>
        response.Headers.NonValidated.Concat(response.Content.Headers.NonValidated)
            .GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => string.Join(", ", g.SelectMany(h => h.Value)), StringComparer.OrdinalIgnoreCase);

}
