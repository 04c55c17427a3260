using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Scale.Functions.Tests.Contract;

/// <summary>The contract check can fail: wrong bodies, undocumented statuses and missing headers are caught.</summary>
public class ResponseContractValidatorTests
{
    private const string RequestId = "req-1";
    private static readonly ResponseContractValidator Validator = new(OpenApiContract.Served);

    private static readonly JsonObject Profile = new()
    {
        ["user_id"] = "user-1", ["display_name"] = null, ["currency"] = "INR", ["timezone"] = "Asia/Kolkata",
        ["created_at"] = "2026-12-02T06:00:00.123456Z",
    };

    private static Dictionary<string, string> Headers(bool throttled = true)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["X-Request-ID"] = RequestId };
        if (throttled) { headers["X-RateLimit-Limit"] = "100"; headers["X-RateLimit-Remaining"] = "99"; headers["X-RateLimit-Reset"] = "1796000000"; }
        return headers;
    }

    private static (string Operation, IReadOnlyList<string> Violations) Check(string method, string path, int status, JsonNode? body,
        Dictionary<string, string>? headers = null, string mediaType = "application/json") =>
        Validator.Check(method, path, status, headers ?? Headers(), body is null ? null : mediaType,
            body is null ? [] : Encoding.UTF8.GetBytes(body.ToJsonString()));

    private static JsonObject With(JsonObject source, string name, JsonNode? value)
    {
        var copy = source.DeepClone().AsObject();
        if (value is null) copy.Remove(name); else copy[name] = value;
        return copy;
    }

    private static JsonObject Problem(int status, string requestId = RequestId) => new()
    {
        ["type"] = "https://scale.app/problems/not_found", ["title"] = "Not found.", ["status"] = status,
        ["detail"] = "No upload with this id.", ["instance"] = "/api/v1/ingestion/uploads/x", ["request_id"] = requestId,
    };

    [Fact]
    public void A_body_that_keeps_the_contract_passes()
    {
        var (operation, violations) = Check("GET", "/api/v1/profile", 200, Profile);

        Assert.Equal("GetProfile", operation);
        Assert.Empty(violations);
    }

    [Fact]
    public void Fields_added_later_do_not_break_validation()
    {
        Assert.Empty(Check("GET", "/api/v1/profile", 200, With(Profile, "account_holder_names", new JsonArray("A KUMAR"))).Violations);
    }

    [Fact]
    public void A_missing_required_field_is_named()
    {
        var violation = Assert.Single(Check("GET", "/api/v1/profile", 200, With(Profile, "created_at", null)).Violations);

        Assert.Contains("created_at", violation);
        Assert.StartsWith("(root):", violation);
    }

    [Fact]
    public void A_wrong_type_deep_in_the_body_is_reported_at_its_json_pointer()
    {
        var page = new JsonObject
        {
            ["items"] = new JsonArray(new JsonObject
            {
                ["id"] = "1", ["date"] = "2026-11-30", ["amount"] = "1500.50", ["type"] = "debit", ["currency"] = "INR",
                ["description"] = "UPI/SWIGGY", ["merchant"] = null, ["category"] = "Food & Dining", ["payment_method"] = "upi",
                ["reference"] = null, ["raw"] = null, ["import_id"] = Guid.NewGuid().ToString(), ["upload_id"] = null,
                ["created_at"] = "2026-12-01T10:00:00Z",
            }),
            ["next_cursor"] = null,
        };

        var violations = Check("GET", "/api/v1/transactions", 200, page).Violations;

        Assert.Contains(violations, v => v.StartsWith("/items/0/amount:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("created_at", "2026-12-02T11:30:00+05:30")] // timestamps are UTC
    [InlineData("currency", "rupees")]
    [InlineData("display_name", 42)]
    public void Values_outside_the_schema_are_rejected(string field, object value)
    {
        var violations = Check("GET", "/api/v1/profile", 200, With(Profile, field, JsonValue.Create(value))).Violations;

        Assert.Contains(violations, v => v.StartsWith($"/{field}:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_category_outside_the_taxonomy_is_rejected()
    {
        var result = new JsonObject
        {
            ["category"] = "Food", ["confidence"] = 0.9, ["source"] = "model", ["model_version"] = "v1",
            ["alternatives"] = new JsonArray(), ["explanation"] = "swiggy",
        };

        Assert.Contains(Check("POST", "/api/v1/categorization/classify", 200, result).Violations, v => v.StartsWith("/category:", StringComparison.Ordinal));
    }

    [Fact]
    public void An_undocumented_status_is_a_violation()
    {
        var violation = Assert.Single(Check("GET", "/api/v1/profile", 418, Problem(418)).Violations);

        Assert.Contains("status 418 is not documented", violation);
    }

    [Fact]
    public void A_missing_required_header_is_a_violation()
    {
        var violations = Check("GET", "/api/v1/profile", 200, Profile, Headers(throttled: false)).Violations;

        Assert.Contains("required header X-RateLimit-Limit is missing.", violations);
    }

    [Fact]
    public void A_problem_must_repeat_its_status_and_request_id()
    {
        var path = $"/api/v1/ingestion/uploads/{Guid.NewGuid()}";

        Assert.Empty(Check("GET", path, 404, Problem(404), mediaType: "application/problem+json").Violations);
        Assert.Contains(Check("GET", path, 404, Problem(400), mediaType: "application/problem+json").Violations, v => v.StartsWith("/status:", StringComparison.Ordinal));
        Assert.Contains(Check("GET", path, 404, Problem(404, "other"), mediaType: "application/problem+json").Violations, v => v.StartsWith("/request_id:", StringComparison.Ordinal));
        Assert.Contains(Check("GET", path, 404, With(Problem(404), "request_id", null), mediaType: "application/problem+json").Violations, v => v.Contains("request_id", StringComparison.Ordinal));
    }

    [Fact]
    public void An_error_as_plain_json_is_a_violation()
    {
        var violation = Assert.Single(Check("GET", $"/api/v1/ingestion/uploads/{Guid.NewGuid()}", 404, Problem(404)).Violations);

        Assert.Contains("media type application/json is not documented", violation);
    }

    [Fact]
    public void An_unknown_route_must_answer_the_404_problem()
    {
        Assert.Empty(Check("GET", "/api/v1/nothing-here", 404, Problem(404), mediaType: "application/problem+json").Violations);
        Assert.Equal("unmatched", Check("GET", "/api/v1/nothing-here", 200, Profile).Operation);
        Assert.Contains(Check("GET", "/api/v1/nothing-here", 200, Profile).Violations, v => v.Contains("is not a documented operation", StringComparison.Ordinal));
        Assert.NotEmpty(Check("DELETE", "/api/v1/profile", 405, null).Violations); // bare 405 without a problem body
    }

    [Fact]
    public void Literal_path_segments_win_over_parameters_and_parameters_match_one_segment()
    {
        Assert.Equal("ListUploads", Check("GET", "/api/v1/ingestion/uploads", 200, new JsonObject()).Operation);
        Assert.Equal("GetUpload", Check("GET", "/api/v1/ingestion/uploads/abc", 200, new JsonObject()).Operation);
        Assert.Equal("unmatched", Check("GET", "/api/v1/ingestion/uploads/abc/def", 404, Problem(404), mediaType: "application/problem+json").Operation);
    }

    [Fact]
    public async Task The_installed_handler_fails_the_request_with_operation_status_and_pointer()
    {
        var bad = With(Profile, "currency", 356);
        using var client = new HttpClient(new ContractValidatingHandler(Validator) { InnerHandler = new FixedResponse(bad) })
        {
            BaseAddress = new Uri("http://scale.test"),
        };

        var ex = await Assert.ThrowsAsync<ContractViolationException>(() => client.GetAsync("/api/v1/profile"));

        Assert.Contains("GET /api/v1/profile (GetProfile) → 200", ex.Message);
        Assert.Contains("/currency:", ex.Message);
    }

    /// <summary>An inner handler answering 200 with a fixed JSON body and the headers the pipeline adds.</summary>
    private sealed class FixedResponse(JsonNode body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK)
            {
                RequestMessage = request,
                Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
            };
            foreach (var (name, value) in Headers()) response.Headers.TryAddWithoutValidation(name, value);
            return Task.FromResult(response);
        }
    }
}
