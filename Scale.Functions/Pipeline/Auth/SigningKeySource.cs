using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Scale.Functions.Pipeline.Auth;

/// <summary>
/// Where verification keys come from: the HS256 shared secret, and asymmetric keys from a JWKS URL or an OpenID
/// authority's metadata (fetched with the IdentityModel retrievers, cached here).
/// </summary>
/// <remarks>
/// Not <see cref="ConfigurationManager{T}"/>'s cache: since 8.x its RequestRefresh only starts a background
/// fetch, so a token signed with a freshly rotated key would still fail on the request that noticed the new
/// <c>kid</c>. Here a refresh for an unknown kid is awaited, shared by all concurrent callers, and rate-limited
/// (<see cref="MinimumRefetchInterval"/>) so forged kids cannot make us hammer the key endpoint. On fetch failure
/// the last good keys stay in use.
/// </remarks>
internal sealed class SigningKeySource : IDisposable
{
    internal static readonly TimeSpan RefreshInterval = TimeSpan.FromHours(1);
    internal static readonly TimeSpan MinimumRefetchInterval = TimeSpan.FromSeconds(30);

    // One client for the process: a singleton holds it forever, so connection lifetime (not handler rotation by
    // IHttpClientFactory) is what keeps DNS changes visible. Small limits because key documents are small.
    private static readonly HttpClient KeyDocumentClient = new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(5),
        AutomaticDecompression = DecompressionMethods.All,
    })
    {
        Timeout = TimeSpan.FromSeconds(10),
        MaxResponseContentBufferSize = 1024 * 1024,
    };

    private readonly string? _address;
    private readonly IConfigurationRetriever<OpenIdConnectConfiguration>? _retriever;
    private readonly HttpDocumentRetriever? _documents;
    private readonly bool _issuerFromMetadata;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim _fetchLock = new(1, 1);
    private volatile KeySnapshot? _current;
    private DateTimeOffset _lastAttempt = DateTimeOffset.MinValue;

    public SigningKeySource(AuthOptions options, ILogger logger, TimeProvider timeProvider)
    {
        _logger = logger;
        _timeProvider = timeProvider;
        if (options.HasSymmetricKey)
        {
            SymmetricKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(options.SigningKey!));
        }

        _issuerFromMetadata = !string.IsNullOrWhiteSpace(options.Authority);
        _address = _issuerFromMetadata
            ? options.Authority!.TrimEnd('/') + "/.well-known/openid-configuration"
            : string.IsNullOrWhiteSpace(options.JwksUrl) ? null : options.JwksUrl;
        if (_address is null)
        {
            return;
        }

        // AuthOptions.Validate already limits http to loopback; the retriever must not veto that case.
        _documents = new HttpDocumentRetriever(KeyDocumentClient) { RequireHttps = !new Uri(_address).IsLoopback };
        _retriever = _issuerFromMetadata ? new OpenIdConnectConfigurationRetriever() : new JwksConfigurationRetriever();
    }

    public SecurityKey? SymmetricKey { get; }

    /// <summary>Without query string: some providers put an API key there, and logs are not a place for keys.</summary>
    private string LoggableAddress => _address is null ? "" : new Uri(_address).GetLeftPart(UriPartial.Path);

    public bool HasAsymmetricKeys => _address is not null;

    /// <summary>Cached asymmetric keys (and the metadata issuer for an authority); fetched when absent or stale.</summary>
    /// <exception cref="SigningKeysUnavailableException">No keys have ever been fetched and the endpoint fails.</exception>
    public Task<KeySnapshot> GetAsync(CancellationToken cancellationToken)
    {
        var current = _current;
        return current is not null && _timeProvider.GetUtcNow() - current.FetchedAt < RefreshInterval
            ? Task.FromResult(current)
            : FetchAsync(current, cancellationToken);
    }

    /// <summary>
    /// A token named a key we do not have: the issuer may have rotated. Returns fresh keys, or the same
    /// snapshot when a refetch happened too recently.
    /// </summary>
    public Task<KeySnapshot> RefreshAsync(KeySnapshot seen, CancellationToken cancellationToken) =>
        FetchAsync(seen, cancellationToken);

    private async Task<KeySnapshot> FetchAsync(KeySnapshot? seen, CancellationToken cancellationToken)
    {
        await _fetchLock.WaitAsync(cancellationToken);
        try
        {
            var current = _current;
            if (current is not null && !ReferenceEquals(current, seen))
            {
                return current; // Someone else refreshed while we waited for the lock.
            }

            var now = _timeProvider.GetUtcNow();
            if (now - _lastAttempt < MinimumRefetchInterval)
            {
                return current ?? throw new SigningKeysUnavailableException("Token signing keys could not be fetched recently; not retrying yet.");
            }

            _lastAttempt = now;
            try
            {
                // Not the request's token: the fetch is shared, one caller's cancellation must not fail the rest.
                var configuration = await _retriever!.GetConfigurationAsync(_address!, _documents!, CancellationToken.None);

                // A JWKS may also publish symmetric ("oct") keys; never verify with them, or a public document
                // would become an HMAC secret.
                var keys = configuration.SigningKeys.Where(k => k is not SymmetricSecurityKey && !IsSymmetricJwk(k)).ToList();
                _current = new KeySnapshot(keys, _issuerFromMetadata ? configuration.Issuer : null, now);
                _logger.LogInformation("Fetched {SigningKeyCount} token signing keys from {KeyDocumentUrl}", keys.Count, LoggableAddress);
                return _current;
            }
            catch (Exception ex)
            {
                // Any failure (network, timeout, HTTP status, unparsable document) means the same thing here.
                _logger.LogWarning(ex, "Fetching token signing keys from {KeyDocumentUrl} failed; {KeyFallback}",
                    LoggableAddress, current is null ? "no keys available" : "keeping the last good keys");
                return current ?? throw new SigningKeysUnavailableException("Token signing keys could not be fetched.", ex);
            }
        }
        finally
        {
            _fetchLock.Release();
        }
    }

    public void Dispose() => _fetchLock.Dispose();

    private static bool IsSymmetricJwk(SecurityKey key) =>
        key is JsonWebKey jwk && string.Equals(jwk.Kty, JsonWebAlgorithmsKeyTypes.Octet, StringComparison.Ordinal);

    internal sealed record KeySnapshot(IReadOnlyList<SecurityKey> Keys, string? MetadataIssuer, DateTimeOffset FetchedAt);

    /// <summary>Reads a bare JWKS document into the same shape the OpenID retriever produces.</summary>
    private sealed class JwksConfigurationRetriever : IConfigurationRetriever<OpenIdConnectConfiguration>
    {
        public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
        {
            var document = await retriever.GetDocumentAsync(address, cancel);
            var keySet = new JsonWebKeySet(document);
            var configuration = new OpenIdConnectConfiguration { JsonWebKeySet = keySet };
            foreach (var key in keySet.GetSigningKeys())
            {
                configuration.SigningKeys.Add(key);
            }

            return configuration;
        }
    }
}
