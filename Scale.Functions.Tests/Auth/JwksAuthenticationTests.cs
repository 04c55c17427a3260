using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Scale.Functions.Pipeline.Auth;
using Scale.Functions.Tests.Support;
using static Scale.Functions.Tests.Auth.AuthTestSupport;

namespace Scale.Functions.Tests.Auth;

/// <summary>RS256/ES256 with keys fetched over HTTP from a real loopback JWKS / OpenID metadata server.</summary>
public sealed class JwksAuthenticationTests : IAsyncLifetime, IDisposable
{
    private readonly RSA _rsa = RSA.Create(2048);
    private readonly ECDsa _ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private JwksTestServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await JwksTestServer.StartAsync(TestTokens.Jwks((_rsa, "rsa-1"), (_ec, "ec-1")));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose()
    {
        _rsa.Dispose();
        _ec.Dispose();
    }

    private JwtRequestAuthenticator JwksOnly(TimeProvider? keyCacheClock = null) => new(
        Options.Create(new AuthOptions { JwksUrl = _server.JwksUrl, Issuer = TestTokens.Issuer, Audience = TestTokens.Audience }),
        NullLogger<JwtRequestAuthenticator>.Instance,
        keyCacheClock ?? TimeProvider.System);

    [Fact]
    public async Task RS256_token_is_verified_with_a_key_fetched_from_the_jwks_url()
    {
        var token = TestTokens.Rs256(TestTokens.Claims("rsa-user"), _rsa, "rsa-1");

        var outcome = await JwksOnly().AuthenticateAsync(TestTokens.Bearer(token), CancellationToken.None);

        Assert.True(outcome.Succeeded, outcome.FailureDetail);
        Assert.Equal("rsa-user", outcome.UserId);
        Assert.Equal(1, _server.JwksRequests);
    }

    [Theory]
    [InlineData("ES256")]
    public async Task ES256_token_is_verified_with_a_key_from_the_jwks(string alg)
    {
        var token = TestTokens.Es256(TestTokens.Claims("ec-user"), _ec, "ec-1", alg);

        var outcome = await JwksOnly().AuthenticateAsync(TestTokens.Bearer(token), CancellationToken.None);

        Assert.True(outcome.Succeeded, outcome.FailureDetail);
        Assert.Equal("ec-user", outcome.UserId);
    }

    [Fact]
    public async Task Keys_are_cached_between_requests()
    {
        var authenticator = JwksOnly();
        for (var i = 0; i < 5; i++)
        {
            var token = TestTokens.Rs256(TestTokens.Claims($"user-{i}"), _rsa, "rsa-1");
            Assert.True((await authenticator.AuthenticateAsync(TestTokens.Bearer(token), CancellationToken.None)).Succeeded);
        }

        Assert.Equal(1, _server.JwksRequests);
    }

    [Fact]
    public async Task Token_signed_by_a_key_not_in_the_jwks_is_invalid_signature()
    {
        using var stranger = RSA.Create(2048);
        var authenticator = JwksOnly();

        var withUnknownKid = await authenticator.AuthenticateAsync(
            TestTokens.Bearer(TestTokens.Rs256(TestTokens.Claims(), stranger, "rsa-unknown")), CancellationToken.None);
        var withKnownKid = await authenticator.AuthenticateAsync(
            TestTokens.Bearer(TestTokens.Rs256(TestTokens.Claims(), stranger, "rsa-1")), CancellationToken.None);

        Assert.Equal(AuthFailureCodes.InvalidSignature, withUnknownKid.FailureCode);
        Assert.Equal(AuthFailureCodes.InvalidSignature, withKnownKid.FailureCode);
    }

    [Fact]
    public async Task HS256_token_is_unsupported_algorithm_when_only_jwks_is_configured()
    {
        var outcome = await JwksOnly().AuthenticateAsync(
            TestTokens.Bearer(TestTokens.Hs256(TestTokens.Claims())), CancellationToken.None);

        Assert.Equal(AuthFailureCodes.UnsupportedAlgorithm, outcome.FailureCode);
        Assert.Equal(0, _server.JwksRequests);
    }

    [Fact]
    public async Task Key_confusion_HS256_signed_with_the_public_key_is_rejected()
    {
        // The classic attack: take the server's public key (from its JWKS) and use it as an HMAC secret.
        var publicPem = _rsa.ExportSubjectPublicKeyInfoPem();
        var jwksJson = TestTokens.Jwks((_rsa, "rsa-1"));
        var both = Authenticator(new AuthOptions { SigningKey = TestTokens.SigningKey, JwksUrl = _server.JwksUrl });

        foreach (var secret in new[] { publicPem, jwksJson })
        {
            var forged = TestTokens.Hs256(TestTokens.Claims("attacker"), key: secret);
            Assert.Equal(AuthFailureCodes.UnsupportedAlgorithm,
                (await JwksOnly().AuthenticateAsync(TestTokens.Bearer(forged), CancellationToken.None)).FailureCode);
            Assert.Equal(AuthFailureCodes.InvalidSignature,
                (await both.AuthenticateAsync(TestTokens.Bearer(forged), CancellationToken.None)).FailureCode);
        }
    }

    [Fact]
    public async Task With_both_sources_each_algorithm_verifies_with_its_own_keys()
    {
        var both = Authenticator(new AuthOptions { SigningKey = TestTokens.SigningKey, JwksUrl = _server.JwksUrl });

        var hs = await both.AuthenticateAsync(TestTokens.Bearer(TestTokens.Hs256(TestTokens.Claims("hs"))), CancellationToken.None);
        var rs = await both.AuthenticateAsync(TestTokens.Bearer(TestTokens.Rs256(TestTokens.Claims("rs"), _rsa, "rsa-1")), CancellationToken.None);

        Assert.Equal("hs", hs.UserId);
        Assert.Equal("rs", rs.UserId);
    }

    [Fact]
    public async Task Rotated_key_is_picked_up_by_refetching_the_jwks_once()
    {
        var clock = new ManualClock();
        var authenticator = JwksOnly(clock);
        Assert.True((await authenticator.AuthenticateAsync(
            TestTokens.Bearer(TestTokens.Rs256(TestTokens.Claims(), _rsa, "rsa-1")), CancellationToken.None)).Succeeded);

        using var next = RSA.Create(2048);
        _server.PublishJwks(TestTokens.Jwks((_rsa, "rsa-1"), (next, "rsa-2")));
        clock.Advance(TimeSpan.FromMinutes(1));
        var outcome = await authenticator.AuthenticateAsync(
            TestTokens.Bearer(TestTokens.Rs256(TestTokens.Claims("after-rotation"), next, "rsa-2")), CancellationToken.None);

        Assert.True(outcome.Succeeded, outcome.FailureDetail);
        Assert.Equal(2, _server.JwksRequests);
    }

    [Fact]
    public async Task Forged_kids_cannot_make_the_server_hammer_the_key_endpoint()
    {
        var clock = new ManualClock();
        var authenticator = JwksOnly(clock);
        using var stranger = RSA.Create(2048);
        await authenticator.AuthenticateAsync(TestTokens.Bearer(TestTokens.Rs256(TestTokens.Claims(), _rsa, "rsa-1")), CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(1));

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => authenticator.AuthenticateAsync(
            TestTokens.Bearer(TestTokens.Rs256(TestTokens.Claims(), stranger, $"forged-{i}")), CancellationToken.None)));

        Assert.All(outcomes, o => Assert.Equal(AuthFailureCodes.InvalidSignature, o.FailureCode));
        Assert.Equal(2, _server.JwksRequests);
    }

    [Fact]
    public async Task Keys_are_refetched_when_the_cache_is_an_hour_old()
    {
        var clock = new ManualClock();
        var authenticator = JwksOnly(clock);
        var token = TestTokens.Bearer(TestTokens.Rs256(TestTokens.Claims(), _rsa, "rsa-1"));
        await authenticator.AuthenticateAsync(token, CancellationToken.None);

        clock.Advance(TimeSpan.FromMinutes(61));
        Assert.True((await authenticator.AuthenticateAsync(token, CancellationToken.None)).Succeeded);

        Assert.Equal(2, _server.JwksRequests);
    }

    [Fact]
    public async Task Last_good_keys_stay_in_use_when_a_refetch_fails()
    {
        var clock = new ManualClock();
        var authenticator = JwksOnly(clock);
        var token = TestTokens.Bearer(TestTokens.Rs256(TestTokens.Claims(), _rsa, "rsa-1"));
        await authenticator.AuthenticateAsync(token, CancellationToken.None);

        _server.PublishJwks("this is not a key set");
        clock.Advance(TimeSpan.FromMinutes(61));

        Assert.True((await authenticator.AuthenticateAsync(token, CancellationToken.None)).Succeeded);
    }

    [Fact]
    public async Task Authority_metadata_supplies_keys_and_the_expected_issuer()
    {
        var authenticator = Authenticator(new AuthOptions { Authority = _server.BaseUrl, Audience = TestTokens.Audience });
        var fromAuthority = TestTokens.Claims("oidc-user", new Dictionary<string, object?> { ["iss"] = _server.MetadataIssuer });

        var good = await authenticator.AuthenticateAsync(
            TestTokens.Bearer(TestTokens.Rs256(fromAuthority, _rsa, "rsa-1")), CancellationToken.None);
        var wrongIssuer = await authenticator.AuthenticateAsync(
            TestTokens.Bearer(TestTokens.Rs256(TestTokens.Claims(), _rsa, "rsa-1")), CancellationToken.None);

        Assert.Equal("oidc-user", good.UserId);
        Assert.Equal(AuthFailureCodes.InvalidIssuer, wrongIssuer.FailureCode);
    }

    [Fact]
    public async Task Unreachable_key_endpoint_is_a_server_fault_not_a_401()
    {
        var authenticator = Authenticator(new AuthOptions { JwksUrl = _server.BaseUrl + "/missing-jwks.json" });
        var token = TestTokens.Rs256(TestTokens.Claims(), _rsa, "rsa-1");

        await Assert.ThrowsAsync<SigningKeysUnavailableException>(
            () => authenticator.AuthenticateAsync(TestTokens.Bearer(token), CancellationToken.None));
    }

    [Fact]
    public void Jwks_helper_emits_base64url_without_padding()
    {
        var json = TestTokens.Jwks((_rsa, "rsa-1"));

        Assert.DoesNotContain("=", json, StringComparison.Ordinal);
        Assert.Contains("\"kid\":\"rsa-1\"", Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(json)), StringComparison.Ordinal);
    }
}
