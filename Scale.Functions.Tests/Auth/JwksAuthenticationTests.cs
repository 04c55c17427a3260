using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Scale.Functions.Pipeline.Auth;
using Scale.Functions.Tests.Support;
using static Scale.Functions.Tests.Auth.AuthTestSupport;

namespace Scale.Functions.Tests.Auth;

/// <summary>RS256/ES256 with keys fetched over HTTP from a real loopback JWKS / OpenID metadata server.</summary>
public sealed class JwksAuthenticationTests : IAsyncLifetime
{
    // Shared across tests: RSA key generation is the slow part of this class, and the keys are never mutated.
    private static readonly RSA Rsa = RSA.Create(2048);
    private static readonly ECDsa Ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private static readonly ECDsa Ec384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
    private static readonly RSA Stranger = RSA.Create(2048);
    private JwksTestServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await JwksTestServer.StartAsync(TestTokens.Jwks((Rsa, "rsa-1"), (Ec, "ec-1"), (Ec384, "ec384-1")));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private JwtRequestAuthenticator JwksOnly(TimeProvider? keyCacheClock = null) => new(
        Options.Create(new AuthOptions { JwksUrl = _server.JwksUrl, Issuer = TestTokens.Issuer, Audience = TestTokens.Audience }),
        NullLogger<JwtRequestAuthenticator>.Instance,
        keyCacheClock ?? TimeProvider.System);

    [Fact]
    public async Task RS256_token_is_verified_with_a_key_fetched_from_the_jwks_url()
    {
        var token = TestTokens.Rs256(TestTokens.Claims("rsa-user"), Rsa, "rsa-1");

        var outcome = await JwksOnly().AuthenticateAsync(TestTokens.Bearer(token), CancellationToken.None);

        Assert.True(outcome.Succeeded, outcome.FailureDetail);
        Assert.Equal("rsa-user", outcome.UserId);
        Assert.Equal(1, _server.JwksRequests);
    }

    [Fact]
    public async Task ES256_and_ES384_tokens_are_verified_with_keys_from_the_jwks()
    {
        var es256 = TestTokens.Es256(TestTokens.Claims("ec-user"), Ec, "ec-1");
        var es384 = TestTokens.Es256(TestTokens.Claims("ec384-user"), Ec384, "ec384-1", "ES384");
        var authenticator = JwksOnly();

        var outcome256 = await authenticator.AuthenticateAsync(TestTokens.Bearer(es256), CancellationToken.None);
        var outcome384 = await authenticator.AuthenticateAsync(TestTokens.Bearer(es384), CancellationToken.None);

        Assert.Equal("ec-user", outcome256.UserId);
        Assert.Equal("ec384-user", outcome384.UserId);
    }

    [Fact]
    public async Task RS384_token_is_verified_with_a_key_from_the_jwks()
    {
        var token = TestTokens.Rs256(TestTokens.Claims("rs384-user"), Rsa, "rsa-1", "RS384");

        Assert.Equal("rs384-user", (await JwksOnly().AuthenticateAsync(TestTokens.Bearer(token), CancellationToken.None)).UserId);
    }

    [Fact]
    public async Task Keys_named_by_the_token_itself_via_jku_are_never_fetched()
    {
        using var attackerKey = RSA.Create(2048);
        await using var attacker = await JwksTestServer.StartAsync(TestTokens.Jwks((attackerKey, "evil")));
        var header = TestTokens.Header("RS256", "evil", new System.Text.Json.Nodes.JsonObject { ["jku"] = attacker.JwksUrl });
        var token = TestTokens.Sign(header, TestTokens.Claims("attacker"),
            data => attackerKey.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

        var outcome = await JwksOnly().AuthenticateAsync(TestTokens.Bearer(token), CancellationToken.None);

        Assert.Equal(AuthFailureCodes.InvalidSignature, outcome.FailureCode);
        Assert.Equal(0, attacker.JwksRequests);
    }

    [Fact]
    public async Task Keys_are_cached_between_requests()
    {
        var authenticator = JwksOnly();
        for (var i = 0; i < 5; i++)
        {
            var token = TestTokens.Rs256(TestTokens.Claims($"user-{i}"), Rsa, "rsa-1");
            Assert.True((await authenticator.AuthenticateAsync(TestTokens.Bearer(token), CancellationToken.None)).Succeeded);
        }

        Assert.Equal(1, _server.JwksRequests);
    }

    [Fact]
    public async Task Token_signed_by_a_key_not_in_the_jwks_is_invalid_signature()
    {
        var stranger = Stranger;
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
        var publicPem = Rsa.ExportSubjectPublicKeyInfoPem();
        var jwksJson = TestTokens.Jwks((Rsa, "rsa-1"));
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
        var rs = await both.AuthenticateAsync(TestTokens.Bearer(TestTokens.Rs256(TestTokens.Claims("rs"), Rsa, "rsa-1")), CancellationToken.None);

        Assert.Equal("hs", hs.UserId);
        Assert.Equal("rs", rs.UserId);
    }

    [Fact]
    public async Task Rotated_key_is_picked_up_by_refetching_the_jwks_once()
    {
        var clock = new ManualClock();
        var authenticator = JwksOnly(clock);
        Assert.True((await authenticator.AuthenticateAsync(
            TestTokens.Bearer(TestTokens.Rs256(TestTokens.Claims(), Rsa, "rsa-1")), CancellationToken.None)).Succeeded);

        using var next = RSA.Create(2048);
        _server.PublishJwks(TestTokens.Jwks((Rsa, "rsa-1"), (next, "rsa-2")));
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
        var stranger = Stranger;
        await authenticator.AuthenticateAsync(TestTokens.Bearer(TestTokens.Rs256(TestTokens.Claims(), Rsa, "rsa-1")), CancellationToken.None);
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
        var token = TestTokens.Bearer(TestTokens.Rs256(TestTokens.Claims(), Rsa, "rsa-1"));
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
        var token = TestTokens.Bearer(TestTokens.Rs256(TestTokens.Claims(), Rsa, "rsa-1"));
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
            TestTokens.Bearer(TestTokens.Rs256(fromAuthority, Rsa, "rsa-1")), CancellationToken.None);
        var wrongIssuer = await authenticator.AuthenticateAsync(
            TestTokens.Bearer(TestTokens.Rs256(TestTokens.Claims(), Rsa, "rsa-1")), CancellationToken.None);

        Assert.Equal("oidc-user", good.UserId);
        Assert.Equal(AuthFailureCodes.InvalidIssuer, wrongIssuer.FailureCode);
    }

    [Fact]
    public async Task Unreachable_key_endpoint_is_a_server_fault_not_a_401()
    {
        var authenticator = Authenticator(new AuthOptions { JwksUrl = _server.BaseUrl + "/missing-jwks.json" });
        var token = TestTokens.Rs256(TestTokens.Claims(), Rsa, "rsa-1");

        await Assert.ThrowsAsync<SigningKeysUnavailableException>(
            () => authenticator.AuthenticateAsync(TestTokens.Bearer(token), CancellationToken.None));
    }

    [Fact]
    public void Jwks_helper_emits_base64url_without_padding()
    {
        var json = TestTokens.Jwks((Rsa, "rsa-1"));

        Assert.DoesNotContain("=", json, StringComparison.Ordinal);
        Assert.Contains("\"kid\":\"rsa-1\"", Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(json)), StringComparison.Ordinal);
    }
}
