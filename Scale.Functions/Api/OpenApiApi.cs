using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Scale.Functions.Api;

/// <summary>
/// GET /openapi.json: the API contract (Api/OpenApi/scale-api-v1.openapi.json, embedded) for client generators.
/// The document only changes with a deployment, so it is cacheable for an hour and revalidated by a strong ETag.
/// Scale.Functions.Tests/Contract keeps it equal to the route table and checks real responses against it.
/// </summary>
public sealed class OpenApiApi
{
    public const string ResourceName = "openapi/scale-api-v1.openapi.json";
    public const string CacheControl = "public, max-age=3600";

    /// <summary>The document as served (UTF-8 JSON).</summary>
    public static ReadOnlyMemory<byte> Document { get; } = Load();

    /// <summary>Strong ETag: a hash of the bytes, so it changes exactly when the document does.</summary>
    public static EntityTagHeaderValue ETag { get; } =
        new('"' + Convert.ToHexStringLower(SHA256.HashData(Document.Span))[..32] + '"');

    public Task<IResult> GetOpenApiDocument(HttpRequest request, CancellationToken cancellationToken)
    {
        var headers = request.HttpContext.Response.Headers;
        headers.ETag = ETag.ToString();
        headers.CacheControl = CacheControl;
        // If-None-Match uses the weak comparison (RFC 9110 §13.1.2); "*" matches any current representation.
        var ifNoneMatch = request.GetTypedHeaders().IfNoneMatch;
        if (ifNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(ETag, useStrongComparison: false)))
            return Task.FromResult<IResult>(TypedResults.StatusCode(StatusCodes.Status304NotModified));
        return Task.FromResult<IResult>(TypedResults.Bytes(Document, "application/json"));
    }

    private static byte[] Load()
    {
        using var stream = typeof(OpenApiApi).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing from the build.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
