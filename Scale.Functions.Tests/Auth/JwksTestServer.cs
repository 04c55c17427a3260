using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Scale.Functions.Tests.Auth;

/// <summary>
/// A real HTTP key server on 127.0.0.1 (ephemeral port) so the JWKS / OpenID metadata fetch path runs for real:
/// <c>/jwks.json</c> and <c>/.well-known/openid-configuration</c>. The JWKS can be swapped to simulate rotation.
/// </summary>
internal sealed class JwksTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private volatile string _jwks;
    private int _jwksRequests;

    private JwksTestServer(WebApplication app, string jwks)
    {
        _app = app;
        _jwks = jwks;
    }

    public string BaseUrl { get; private set; } = "";

    public string JwksUrl => BaseUrl + "/jwks.json";

    /// <summary>The issuer the metadata document announces.</summary>
    public string MetadataIssuer => BaseUrl + "/";

    public int JwksRequests => Volatile.Read(ref _jwksRequests);

    public static async Task<JwksTestServer> StartAsync(string jwks)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        var server = new JwksTestServer(app, jwks);
        app.MapGet("/jwks.json", () =>
        {
            Interlocked.Increment(ref server._jwksRequests);
            return Results.Content(server._jwks, "application/json");
        });
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, string>
        {
            ["issuer"] = server.MetadataIssuer,
            ["jwks_uri"] = server.JwksUrl,
        }));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = address.TrimEnd('/');
        return server;
    }

    public void PublishJwks(string jwks) => _jwks = jwks;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
