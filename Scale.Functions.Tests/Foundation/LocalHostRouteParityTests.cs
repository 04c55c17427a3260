using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Scale.Functions.Api;
using Scale.Functions.Tests.Support;

namespace Scale.Functions.Tests.Foundation;

/// <summary>
/// The local host's endpoints against the shared route table, both directions (the Functions build is held to the
/// same table by FunctionsFlavor/FunctionsMetadataParityTests, so the two hosts cannot drift apart).
/// </summary>
[Collection(ScaleAppCollection.Name)]
public class LocalHostRouteParityTests(ScaleAppFixture fixture)
{
    private readonly IReadOnlyList<RouteEndpoint> _endpoints = fixture.App.Services.GetRequiredService<EndpointDataSource>()
        .Endpoints.OfType<RouteEndpoint>().ToList();

    [Fact]
    public void Every_api_route_is_mapped_once_under_the_prefix_with_its_method()
    {
        foreach (var route in ApiRoutes.All)
        {
            var endpoint = Assert.Single(_endpoints, e => e.Metadata.GetMetadata<ApiRoute>() == route);
            Assert.Equal(ApiRoutes.Prefix + "/" + route.Template, endpoint.RoutePattern.RawText);
            Assert.Equal([route.Method], endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods);
        }
    }

    [Fact]
    public void Every_local_endpoint_is_an_api_route_or_the_fallback()
    {
        var unrouted = _endpoints.Where(e => e.Metadata.GetMetadata<ApiRoute>() is null).ToList();
        var fallback = Assert.Single(unrouted);
        Assert.Equal(ApiRoutes.Templates.AnyPath, fallback.RoutePattern.RawText);
        Assert.Equal(ApiRoutes.All.Count, _endpoints.Count - 1);
    }
}
