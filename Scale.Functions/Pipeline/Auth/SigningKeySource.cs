using System.Net;
using System.Text;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Scale.Functions.Pipeline.Auth;

/// <summary>
/// Where verification keys come from: the HS256 shared secret, and asymmetric keys from a JWKS URL or an OpenID
/// authority's metadata, cached and refreshed by <see cref="ConfigurationManager{T}"/> (12 h automatic refresh,
/// on-demand refresh at most every 5 min when a token names an unknown <c>kid</c>, last-known-good on failure).
/// </summary>
internal sealed class SigningKeySource
{
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

    private readonly ConfigurationManager<OpenIdConnectConfiguration>? _keyDocuments;
    private readonly bool _issuerFromMetadata;

    public SigningKeySource(AuthOptions options)
    {
        if (options.HasSymmetricKey)
        {
            SymmetricKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(options.SigningKey!));
        }

        var address = !string.IsNullOrWhiteSpace(options.Authority)
            ? options.Authority.TrimEnd('/') + "/.well-known/openid-configuration"
            : options.JwksUrl;
        if (string.IsNullOrWhiteSpace(address))
        {
            return;
        }

        var documents = new HttpDocumentRetriever(KeyDocumentClient)
        {
            // AuthOptions.Validate already limits http to loopback; the retriever must not veto that case.
            RequireHttps = !new Uri(address).IsLoopback,
        };
        IConfigurationRetriever<OpenIdConnectConfiguration> retriever = string.IsNullOrWhiteSpace(options.Authority)
            ? new JwksConfigurationRetriever()
            : new OpenIdConnectConfigurationRetriever();
        _keyDocuments = new ConfigurationManager<OpenIdConnectConfiguration>(address, retriever, documents);
        _issuerFromMetadata = !string.IsNullOrWhiteSpace(options.Authority);
    }

    public SecurityKey? SymmetricKey { get; }

    public bool HasAsymmetricKeys => _keyDocuments is not null;

    /// <summary>Asymmetric keys only, and the metadata issuer when keys come from an authority.</summary>
    /// <exception cref="SigningKeysUnavailableException">Nothing fetched yet and the endpoint fails.</exception>
    public async Task<(IReadOnlyList<SecurityKey> Keys, string? MetadataIssuer)> GetAsymmetricKeysAsync(CancellationToken cancellationToken)
    {
        if (_keyDocuments is null)
        {
            return ([], null);
        }

        OpenIdConnectConfiguration configuration;
        try
        {
            configuration = await _keyDocuments.GetConfigurationAsync(cancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            throw new SigningKeysUnavailableException("Token signing keys could not be fetched.", ex);
        }

        // A JWKS may also publish symmetric ("oct") keys; never verify with them, or a public document would
        // become an HMAC secret.
        var keys = configuration.SigningKeys.Where(k => k is not SymmetricSecurityKey && !IsSymmetricJwk(k)).ToList();
        return (keys, _issuerFromMetadata ? configuration.Issuer : null);
    }

    /// <summary>A token named a key we do not have: the issuer may have rotated; refetch (rate-limited).</summary>
    public void RequestRefresh() => _keyDocuments?.RequestRefresh();

    private static bool IsSymmetricJwk(SecurityKey key) =>
        key is JsonWebKey jwk && string.Equals(jwk.Kty, JsonWebAlgorithmsKeyTypes.Octet, StringComparison.Ordinal);

    /// <summary>Reads a bare JWKS document into the shape ConfigurationManager caches.</summary>
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
