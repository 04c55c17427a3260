using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Scale.Functions.Api;

namespace Scale.Functions.Tests.Contract;

/// <summary>One documented operation: where it lives in the document and what it answers.</summary>
public sealed record ContractOperation(string Path, string Method, string OperationId, JsonObject Node)
{
    public JsonObject Responses => Node["responses"]!.AsObject();
}

/// <summary>
/// The served OpenAPI document (the embedded resource the app serves, not a copy) read for tests: operations by
/// path and method, responses with their refs resolved, and each response schema compiled as one JSON Schema
/// 2020-12 document whose <c>$defs</c> are the document's components/schemas.
/// </summary>
public sealed class OpenApiContract
{
    private const string ComponentSchemaRef = "#/components/schemas/";
    private readonly ConcurrentDictionary<string, JsonSchema> _compiled = new(StringComparer.Ordinal);
    private readonly JsonObject _schemaDefs;

    /// <summary>The operation keys of a path item (declared before <see cref="Served"/>: static fields initialize in order).</summary>
    public static readonly IReadOnlySet<string> HttpMethods =
        new HashSet<string>(["get", "put", "post", "delete", "options", "head", "patch", "trace"], StringComparer.Ordinal);

    public static OpenApiContract Served { get; } = new(JsonNode.Parse(OpenApiApi.Document.Span)!.AsObject());

    public OpenApiContract(JsonObject document)
    {
        Document = document;
        Operations = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject()
                .Where(op => HttpMethods.Contains(op.Key))
                .Select(op => new ContractOperation(path.Key, op.Key.ToUpperInvariant(),
                    op.Value!["operationId"]?.GetValue<string>() ?? "", op.Value!.AsObject())))
            .ToList();
        _schemaDefs = RewriteRefs(document["components"]?["schemas"] ?? new JsonObject()).AsObject();
    }

    public JsonObject Document { get; }
    public IReadOnlyList<ContractOperation> Operations { get; }

    /// <summary>The base path every operation is under (servers[0].url).</summary>
    public string BasePath => Document["servers"]?[0]?["url"]?.GetValue<string>().TrimEnd('/') ?? "";

    /// <summary>
    /// The operations whose path template matches a request path (without the base path), most specific first:
    /// literal segments beat {parameters}, as the hosts' routers decide.
    /// </summary>
    public IEnumerable<ContractOperation> MatchPath(string relativePath)
    {
        var segments = relativePath.Trim('/').Split('/');
        return Operations
            .Select(op => (op, literals: LiteralMatches(op.Path.Trim('/').Split('/'), segments)))
            .Where(m => m.literals >= 0)
            .OrderByDescending(m => m.literals)
            .Select(m => m.op);
    }

    private static int LiteralMatches(string[] template, string[] segments)
    {
        if (template.Length != segments.Length) return -1;
        var literals = 0;
        for (var i = 0; i < template.Length; i++)
        {
            var t = template[i];
            if (t.StartsWith('{') && t.EndsWith('}')) { if (segments[i].Length == 0) return -1; continue; }
            if (!string.Equals(t, Uri.UnescapeDataString(segments[i]), StringComparison.OrdinalIgnoreCase)) return -1;
            literals++;
        }
        return literals;
    }

    /// <summary>The documented response for a status: the exact code, then the range (2XX...), then default.</summary>
    public (string Key, JsonObject Response)? FindResponse(ContractOperation operation, int status)
    {
        foreach (var key in new[] { status.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{status / 100}XX", "default" })
            if (operation.Responses[key] is JsonObject response) return (key, Resolve(response));
        return null;
    }

    /// <summary>Follows a local <c>$ref</c> (#/components/responses/X, #/components/headers/X...).</summary>
    public JsonObject Resolve(JsonObject node)
    {
        while (node["$ref"]?.GetValue<string>() is { } reference)
        {
            if (!reference.StartsWith("#/", StringComparison.Ordinal)) throw new InvalidOperationException($"Only local refs are supported: {reference}");
            JsonNode? target = Document;
            foreach (var part in reference[2..].Split('/'))
                target = target?[part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)];
            node = target as JsonObject ?? throw new InvalidOperationException($"Unresolvable ref {reference}");
        }
        return node;
    }

    /// <summary>The response schema for one media type compiled as a standalone 2020-12 schema (cached).</summary>
    public JsonSchema SchemaFor(string cacheKey, JsonNode schema) => _compiled.GetOrAdd(cacheKey, _ =>
    {
        // $schema and $id first: JsonSchema.Net resolves a $ref met before $id against a random base URI.
        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = "https://scale.test/contract/" + Uri.EscapeDataString(cacheKey),
            ["allOf"] = new JsonArray(RewriteRefs(schema)),
            ["$defs"] = _schemaDefs.DeepClone(),
        };
        // A registry per schema: each compiled document has its own $id and nothing leaks into the global one.
        return JsonSchema.Build(JsonSerializer.SerializeToElement(root), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    });

    public static readonly EvaluationOptions Evaluation = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    /// <summary>Each failed keyword as "JSON pointer: message", or none when the instance is valid.</summary>
    public static IReadOnlyList<string> Violations(JsonSchema schema, JsonElement instance)
    {
        var results = schema.Evaluate(instance, Evaluation);
        if (results.IsValid) return [];
        var nodes = (results.Details ?? []).Prepend(results);
        var found = nodes
            .Where(n => n.Errors is { Count: > 0 })
            .SelectMany(n => n.Errors!.Select(e => $"{Pointer(n.InstanceLocation.ToString())}: {e.Value} (schema {n.EvaluationPath}, keyword {e.Key})"))
            .Distinct()
            .ToList();
        return found.Count > 0 ? found : ["(root): does not match the schema"];
    }

    private static string Pointer(string pointer) => pointer.Length == 0 ? "(root)" : pointer;

    /// <summary>Deep copy with #/components/schemas/X refs pointing at #/$defs/X of the compiled document.</summary>
    private static JsonNode RewriteRefs(JsonNode node)
    {
        var copy = node.DeepClone();
        Visit(copy);
        return copy;

        static void Visit(JsonNode? n)
        {
            switch (n)
            {
                case JsonObject o:
                    if (o["$ref"] is JsonValue v && v.GetValue<string>() is { } r && r.StartsWith(ComponentSchemaRef, StringComparison.Ordinal))
                        o["$ref"] = "#/$defs/" + r[ComponentSchemaRef.Length..];
                    foreach (var (_, child) in o.ToList()) Visit(child);
                    break;
                case JsonArray a:
                    foreach (var child in a) Visit(child);
                    break;
            }
        }
    }
}
