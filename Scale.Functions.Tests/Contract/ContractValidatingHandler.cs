namespace Scale.Functions.Tests.Contract;

/// <summary>A response that breaks the OpenAPI document: the end-to-end test that received it fails with this.</summary>
public sealed class ContractViolationException(string message) : Exception(message);

/// <summary>
/// Installed on the end-to-end tests' HttpClient (ScaleApp): every real response is checked against the served
/// OpenAPI document before the test sees it, so the whole suite exercises the contract on every call.
/// </summary>
public sealed class ContractValidatingHandler(ResponseContractValidator validator) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        // Streams (server-sent events) cannot be buffered without waiting for their end; their schema is the events'.
        if (mediaType == "text/event-stream") return response;

        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var status = (int)response.StatusCode;
        var path = request.RequestUri!.IsAbsoluteUri ? request.RequestUri.AbsolutePath : request.RequestUri.OriginalString.Split('?')[0];
        var (operation, violations) = validator.Check(request.Method.Method, path, status, ResponseContractValidator.HeadersOf(response), mediaType, body);
        if (violations.Count == 0) return response;

        response.Dispose();
        throw new ContractViolationException(
            $"Response breaks the OpenAPI contract (Scale.Functions/Api/OpenApi/scale-api-v1.openapi.json): {request.Method} {path} ({operation}) → {status}:"
            + Environment.NewLine + string.Join(Environment.NewLine, violations.Select(v => "  - " + v)));
    }
}
