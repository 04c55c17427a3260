using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Scale.Domain.Categorization;
using Scale.Functions.Api;
using Scale.Functions.Pipeline.Throttling;

namespace Scale.Functions.Tests.Contract;

/// <summary>
/// The OpenAPI document cannot drift from the route table: every route is an operation and every operation a
/// route, with the same name, method, path, parameters, authentication and the errors the pipeline can answer.
/// </summary>
public partial class OpenApiDocumentTests
{
    private static readonly OpenApiContract Contract = OpenApiContract.Served;

    /// <summary>Catch-all functions ({*path}) are not operations: what they answer is checked as an unknown route's problem.</summary>
    private static readonly IReadOnlyList<ApiRoute> Routes = ApiRoutes.All.Where(r => r.Template != ApiRoutes.Templates.AnyPath).ToList();

    [Fact]
    public void The_document_reads_as_OpenAPI_3_1_without_errors()
    {
        var read = OpenApiDocument.Parse(Encoding.UTF8.GetString(OpenApiApi.Document.Span), "json");

        Assert.Empty(read.Diagnostic!.Errors.Select(e => $"{e.Pointer}: {e.Message}"));
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, read.Diagnostic.SpecificationVersion);
        Assert.Empty(read.Document!.Validate(ValidationRuleSet.GetDefaultRuleSet())!.Select(e => $"{e.Pointer}: {e.Message}"));
        Assert.Equal("3.1.0", Contract.Document["openapi"]!.GetValue<string>());
        Assert.Equal(ApiRoutes.Prefix, Contract.BasePath);
    }

    [Fact]
    public void Every_route_is_a_documented_operation_with_its_name()
    {
        var missing = Routes
            .Where(route => !Contract.Operations.Any(op => op.OperationId == route.Name && op.Method == route.Method && op.Path == "/" + route.Template))
            .Select(route => $"{route.Name}: {route.Method} /{route.Template}")
            .ToList();

        Assert.True(missing.Count == 0, "Routes missing from the OpenAPI document (operationId, method, path): " + string.Join("; ", missing));
    }

    [Fact]
    public void Every_documented_operation_is_a_route()
    {
        var extra = Contract.Operations
            .Where(op => !Routes.Any(route => op.OperationId == route.Name && op.Method == route.Method && op.Path == "/" + route.Template))
            .Select(op => $"{op.OperationId}: {op.Method} {op.Path}")
            .ToList();

        Assert.True(extra.Count == 0, "Documented operations no route serves: " + string.Join("; ", extra));
        Assert.Equal(Contract.Operations.Count, Contract.Operations.Select(op => op.OperationId).Distinct().Count());
    }

    [Fact]
    public void Anonymous_routes_and_only_those_opt_out_of_the_bearer_requirement()
    {
        Assert.Equal("bearerAuth", Assert.Single(Contract.Document["security"]!.AsArray())!.AsObject().Single().Key);
        Assert.Equal("bearer", Contract.Document["components"]!["securitySchemes"]!["bearerAuth"]!["scheme"]!.GetValue<string>());
        foreach (var route in Routes)
        {
            var security = OperationOf(route).Node["security"];
            var optsOut = security is JsonArray { Count: 0 };
            Assert.True(route.Anonymous == optsOut, $"{route.Name}: Anonymous={route.Anonymous} but the document's security is {security?.ToJsonString() ?? "(inherited bearerAuth)"}.");
            if (!route.Anonymous) Assert.Null(security); // inherits the document's bearerAuth
        }
    }

    [Fact]
    public void Every_operation_documents_the_errors_the_pipeline_can_answer()
    {
        var gaps = new List<string>();
        foreach (var route in Routes)
        {
            var statuses = OperationOf(route).Responses.Select(r => r.Key).ToHashSet();
            void Require(bool when, string status, string why)
            {
                if (when && !statuses.Contains(status)) gaps.Add($"{route.Name} lacks {status} ({why})");
                if (!when && statuses.Contains(status) && status is "401" or "413" or "429") gaps.Add($"{route.Name} documents {status} it cannot answer ({why})");
            }
            Require(!route.Anonymous, "401", "authenticated route");
            Require(route.Tier != ThrottleTier.Unlimited, "429", $"throttle tier {route.Tier}");
            Require(route.Body != BodyLimit.None, "413", $"body limit {route.Body}");
            Require(true, "500", "the error boundary");
            Require(true, "503", "the error boundary: a dependency down or saturated");
            Require(true, "414", "the request line limit (RequestHeadLimits)");
            Require(true, "431", "the header size limit (RequestHeadLimits)");
        }
        Assert.True(gaps.Count == 0, string.Join("; ", gaps));
    }

    [Fact]
    public void Every_error_response_is_a_problem_with_request_id()
    {
        var problemSchema = Contract.Document["components"]!["schemas"]!["Problem"]!;
        Assert.Contains("request_id", problemSchema["required"]!.AsArray().Select(n => n!.GetValue<string>()));
        var wrong = new List<string>();
        foreach (var op in Contract.Operations)
            foreach (var (status, node) in op.Responses)
            {
                // The readiness probe's 503 is its own body (which checks failed), as API.md says.
                if (status[0] is not ('4' or '5') || (op.OperationId == ApiRoutes.Names.HealthReady && status == "503")) continue;
                var response = Contract.Resolve(node!.AsObject());
                var content = response["content"]?.AsObject();
                if (content is not { Count: 1 } || content["application/problem+json"]?["schema"]?["$ref"]?.GetValue<string>() != "#/components/schemas/Problem")
                    wrong.Add($"{op.OperationId} {status}: {content?.ToJsonString() ?? "no content"}");
                if (response["headers"]?["X-Request-ID"] is null) wrong.Add($"{op.OperationId} {status}: no X-Request-ID header");
            }
        Assert.True(wrong.Count == 0, "Error responses that are not the shared Problem: " + string.Join("; ", wrong));
    }

    [Fact]
    public void Path_parameters_are_exactly_the_template_parameters()
    {
        foreach (var op in Contract.Operations)
        {
            var inTemplate = TemplateParameter().Matches(op.Path).Select(m => m.Groups[1].Value).Order().ToList();
            var declared = (op.Node["parameters"]?.AsArray() ?? [])
                .Select(p => Contract.Resolve(p!.AsObject()))
                .Where(p => p["in"]!.GetValue<string>() == "path")
                .ToList();
            Assert.Equal(inTemplate, declared.Select(p => p["name"]!.GetValue<string>()).Order().ToList());
            Assert.All(declared, p => Assert.True(p["required"]?.GetValue<bool>(), $"{op.OperationId}: path parameter {p["name"]} must be required"));
        }
    }

    [Fact]
    public void The_category_enum_is_the_taxonomy()
    {
        var documented = Contract.Document["components"]!["schemas"]!["Category"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>());
        Assert.Equal(Taxonomy.All, documented);
    }

    [Fact]
    public void Every_ref_resolves_and_every_response_schema_compiles()
    {
        foreach (var reference in Refs(Contract.Document))
            Assert.NotNull(Contract.Resolve(new JsonObject { ["$ref"] = reference }));
        foreach (var op in Contract.Operations)
            foreach (var (status, node) in op.Responses)
                foreach (var (media, content) in Contract.Resolve(node!.AsObject())["content"]?.AsObject() ?? [])
                    Assert.NotNull(Contract.SchemaFor($"{op.OperationId}/{status}/{media}", content!["schema"]!));
    }

    [Fact]
    public void Response_objects_allow_fields_added_later()
    {
        // Additive changes (new response fields) must not break deployed clients or this suite.
        var closed = Contract.Document["components"]!["schemas"]!.AsObject()
            .Where(s => s.Value!["additionalProperties"] is JsonValue v && v.GetValueKind() == JsonValueKind.False)
            .Select(s => s.Key).ToList();
        Assert.Empty(closed);
    }

    private static ContractOperation OperationOf(ApiRoute route) =>
        Contract.Operations.SingleOrDefault(op => op.OperationId == route.Name)
        ?? throw new Xunit.Sdk.XunitException($"Route {route.Name} has no operation with that operationId in the document.");

    private static IEnumerable<string> Refs(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Key == "$ref" && p.Value is JsonValue v ? [v.GetValue<string>()] : Refs(p.Value)),
        JsonArray a => a.SelectMany(Refs),
        _ => [],
    };

    [GeneratedRegex(@"\{([^}]+)\}")]
    private static partial Regex TemplateParameter();
}
