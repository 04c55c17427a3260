using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Npgsql;
using Scale.Functions.Api.Http;
using Scale.Functions.Local;
using Scale.Functions.Tests.Contract;

namespace Scale.Functions.Tests.Support;

/// <summary>
/// The local host running for real on 127.0.0.1 (random port) against the local stack, with its own database,
/// blob container and rate-limit key prefix. Tests talk to it over HTTP exactly as the frontend does.
/// </summary>
public sealed class ScaleApp : IAsyncDisposable
{
    public const string AllowedOrigin = "https://app.scale.test";
    public const string Issuer = "https://auth.scale.test";
    public const string Audience = "authenticated";

    private readonly WebApplication _app;
    private readonly TestDatabase _database;

    private readonly bool _ownsDatabase;

    private ScaleApp(WebApplication app, TestDatabase database, bool ownsDatabase, string signingKey, string container, Uri baseAddress)
    {
        _app = app;
        _database = database;
        _ownsDatabase = ownsDatabase;
        SigningKey = signingKey;
        Container = container;
        // Every response the tests receive is checked against the OpenAPI document (Contract/).
        Client = new HttpClient(new ContractValidatingHandler(new ResponseContractValidator(OpenApiContract.Served)) { InnerHandler = new SocketsHttpHandler() })
        {
            BaseAddress = baseAddress,
        };
    }

    public HttpClient Client { get; }
    public string SigningKey { get; }
    public string Container { get; }
    public IServiceProvider Services => _app.Services;
    public NpgsqlDataSource Database => _database.DataSource;

    /// <param name="settings">Extra settings; they win over the defaults below.</param>
    /// <param name="sharingDatabaseOf">Another running app whose database this one uses (a second instance of a
    /// scaled-out app); that app owns and drops it.</param>
    /// <param name="maxPoolSize">Caps the app's Npgsql pool (Max Pool Size), with a short wait for a connection.</param>
    public static async Task<ScaleApp> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, ScaleApp? sharingDatabaseOf = null,
        int? maxPoolSize = null)
    {
        var database = sharingDatabaseOf?._database ?? await TestDatabase.CreateAsync();
        var connectionString = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        if (maxPoolSize is { } max) (connectionString.MaxPoolSize, connectionString.Timeout) = (max, 5);
        var runId = Guid.NewGuid().ToString("N")[..10];
        var signingKey = sharingDatabaseOf?.SigningKey ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var container = "statements-" + runId;
        var config = new Dictionary<string, string?>
        {
            ["SCALE_URLS"] = "http://127.0.0.1:0",
            ["ConnectionStrings:Postgres"] = connectionString.ConnectionString,
            ["ConnectionStrings:Redis"] = StackSettings.Redis,
            ["ConnectionStrings:StatementStorage"] = StackSettings.Storage,
            ["Storage:StatementsContainer"] = container,
            // Training's Durable engine: Azurite's queues and tables, a task hub of this host's own (deleted on dispose).
            ["AzureWebJobsStorage"] = StackSettings.DurableStorage,
            ["TASKHUB_NAME"] = "t" + runId,
            ["Training:WorkerId"] = "worker-" + runId,
            ["Auth:SigningKey"] = signingKey,
            ["Auth:Issuer"] = Issuer,
            ["Auth:Audience"] = Audience,
            ["Cors:AllowedOrigins"] = AllowedOrigin,
            ["RateLimiting:KeyPrefix"] = $"scale:test:{runId}:",
            ["Logging:LogLevel:Default"] = "Warning",
            // Alerts follow an import within a second (production: a minute); tests wait for "pending": false.
            ["Anomaly:RecomputeSeconds"] = "1",
            ["Anomaly:SettleSeconds"] = "0.5",
            // Disposal waits at most this for deliveries in flight (the default 30 s would slow a test that leaves one).
            ["Shutdown:GraceSeconds"] = "5",
        };
        if (settings is not null) foreach (var (key, value) in settings) config[key] = value;

        var app = LocalHost.Build([], config);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ScaleApp(app, database, sharingDatabaseOf is null, signingKey, container, new Uri(address));
    }

    /// <summary>A valid HS256 token for <paramref name="userId"/> (Supabase-style), valid for an hour.</summary>
    public string TokenFor(string userId, string? role = null)
    {
        var claims = new Dictionary<string, object> { ["sub"] = userId };
        if (role is not null) claims["role"] = role;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Claims = claims,
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(SigningKey)), SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>An HttpClient-ready request carrying a token for a fresh, unique user.</summary>
    public HttpRequestMessage Request(HttpMethod method, string path, string userId, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TokenFor(userId));
        return request;
    }

    public static string NewUserId() => "user-" + Guid.NewGuid().ToString("N")[..12];

    public static JsonContent Json(object value) => JsonContent.Create(value, options: ScaleJson.Options);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        var engine = _app.Services.GetRequiredService<Scale.Functions.Local.Training.LocalTrainingEngine>();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await engine.DeleteTaskHubAsync();
        if (_ownsDatabase) await _database.DisposeAsync();
    }
}

/// <summary>One running app shared by the end-to-end test classes of a collection.</summary>
public sealed class ScaleAppFixture : IAsyncLifetime
{
    public ScaleApp App { get; private set; } = null!;
    public async Task InitializeAsync() => App = await ScaleApp.StartAsync();
    public async Task DisposeAsync() => await App.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ScaleAppCollection : ICollectionFixture<ScaleAppFixture>
{
    public const string Name = "scale-app";
}

public static class ApiCalls
{
    /// <summary>Sends a request as the user (with a JSON body when given) and returns the response.</summary>
    public static async Task<HttpResponseMessage> SendAsUserAsync(this ScaleApp app, HttpMethod method, string path, string userId, object? body = null) =>
        await app.Client.SendAsync(app.Request(method, path, userId, body is null ? null : ScaleApp.Json(body)));

    /// <summary>As <see cref="SendAsUserAsync"/>, asserting a 200 and returning its JSON body.</summary>
    public static async Task<JsonElement> OkAsync(this ScaleApp app, HttpMethod method, string path, string userId, object? body = null)
    {
        using var response = await app.SendAsUserAsync(method, path, userId, body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}

public static class ProblemAssertions
{
    /// <summary>Asserts an RFC 7807 response in the API's shape and returns its body.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, int status, string? code = null)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(status, body.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("request_id").GetString()));
        Assert.Equal(response.Headers.GetValues("X-Request-ID").Single(), body.GetProperty("request_id").GetString());
        if (code is not null) Assert.Equal(ProblemResult.TypeBase + code, body.GetProperty("type").GetString());
        return body;
    }
}
