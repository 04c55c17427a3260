using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Npgsql;
using Scale.Functions.Local;

namespace Scale.Bench.Ingestion;

/// <summary>The real local host on a loopback port against the scratch database (own container, own rate-limit keys).</summary>
public sealed class BenchHost : IAsyncDisposable
{
    private const string Issuer = "https://bench.scale.local";
    private const string Audience = "authenticated";
    private readonly string _signingKey;

    private BenchHost(WebApplication app, Uri baseAddress, string signingKey)
    {
        App = app;
        _signingKey = signingKey;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(5) };
    }

    public WebApplication App { get; }
    public HttpClient Client { get; }

    /// <param name="extra">Settings for one bench (the training bench lifts the training tier and names its task hub).</param>
    public static async Task<BenchHost> StartAsync(string connectionString, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var runId = Guid.NewGuid().ToString("N")[..10];
        var signingKey = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var settings = new Dictionary<string, string?>
        {
            ["SCALE_URLS"] = "http://127.0.0.1:0",
            ["ConnectionStrings:Postgres"] = connectionString,
            ["Storage:StatementsContainer"] = "bench-" + runId,
            ["Auth:SigningKey"] = signingKey,
            ["Auth:Issuer"] = Issuer,
            ["Auth:Audience"] = Audience,
            ["RateLimiting:KeyPrefix"] = $"scale:bench:{runId}:",
            // Throughput, not throttling, is measured: lift the import tier (5/min in production) for this host.
            ["RateLimiting:Import:Limit"] = "100000",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>()) settings[key] = value;
        var app = LocalHost.Build([], settings);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new BenchHost(app, new Uri(address), signingKey);
    }

    public string TokenFor(string userId) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = Issuer,
        Audience = Audience,
        Claims = new Dictionary<string, object> { ["sub"] = userId },
        Expires = DateTime.UtcNow.AddHours(1),
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(_signingKey)), SecurityAlgorithms.HmacSha256),
    });

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
    }
}
