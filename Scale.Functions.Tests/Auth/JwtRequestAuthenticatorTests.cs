using System.Text.Json.Nodes;
using Scale.Functions.Pipeline.Auth;
using Scale.Functions.Tests.Support;
using static Scale.Functions.Tests.Auth.AuthTestSupport;

namespace Scale.Functions.Tests.Auth;

/// <summary>HS256 (Supabase-style shared secret): every 401 reason and the happy path.</summary>
public sealed class JwtRequestAuthenticatorTests
{
    private readonly JwtRequestAuthenticator _authenticator = Authenticator(SupabaseOptions());

    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    private Task<AuthOutcome> Authenticate(string? header) => _authenticator.AuthenticateAsync(header, CancellationToken.None);

    private static void AssertFailure(AuthOutcome outcome, string expectedCode)
    {
        Assert.False(outcome.Succeeded);
        Assert.Null(outcome.Principal);
        Assert.Null(outcome.UserId);
        Assert.Equal(expectedCode, outcome.FailureCode);
        Assert.False(string.IsNullOrWhiteSpace(outcome.FailureDetail));
    }

    [Fact]
    public async Task Valid_token_succeeds_and_user_id_is_the_sub_claim()
    {
        var outcome = await Authenticate(TestTokens.Bearer(TestTokens.Hs256(TestTokens.Claims("9f1c-user"))));

        Assert.True(outcome.Succeeded);
        Assert.Equal("9f1c-user", outcome.UserId);
        Assert.Null(outcome.FailureCode);
        Assert.Equal("9f1c-user", outcome.Principal!.Identity!.Name);
        Assert.True(outcome.Principal.Identity.IsAuthenticated);
    }

    [Theory]
    [InlineData("bearer ")]
    [InlineData("BEARER ")]
    [InlineData("Bearer  ")]
    [InlineData(" Bearer ")]
    public async Task Bearer_scheme_is_case_insensitive(string prefix)
    {
        var outcome = await Authenticate(prefix + TestTokens.Hs256(TestTokens.Claims()));

        Assert.True(outcome.Succeeded);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Bearer ")]
    [InlineData("Bearer")]
    [InlineData("bearer    ")]
    public async Task Absent_token_is_missing_token(string? header) =>
        AssertFailure(await Authenticate(header), AuthFailureCodes.MissingToken);

    [Theory]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Token abc.def.ghi")]
    [InlineData("Bearerabc.def.ghi")]
    [InlineData("Bearer not-a-jwt")]
    [InlineData("Bearer a.b")]
    [InlineData("Bearer a.b.c.d.e")]
    [InlineData("Bearer !!!.@@@.###")]
    [InlineData("Bearer eyJub3QganNvbg.eyJzdWIiOiJ4In0.c2ln")]
    public async Task Wrong_scheme_or_undecodable_token_is_malformed_token(string header) =>
        AssertFailure(await Authenticate(header), AuthFailureCodes.MalformedToken);

    [Fact]
    public async Task Oversized_token_is_rejected_as_malformed_before_parsing()
    {
        var claims = TestTokens.Claims(overrides: new Dictionary<string, object?> { ["padding"] = new string('x', 9000) });

        AssertFailure(await Authenticate(TestTokens.Bearer(TestTokens.Hs256(claims))), AuthFailureCodes.MalformedToken);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("None")]
    [InlineData("NONE")]
    [InlineData("")]
    public async Task Unsigned_token_is_unsupported_algorithm(string alg) =>
        AssertFailure(await Authenticate(TestTokens.Bearer(TestTokens.WithoutSignature(TestTokens.Claims(), alg))), AuthFailureCodes.UnsupportedAlgorithm);

    [Fact]
    public async Task Token_without_alg_header_is_unsupported_algorithm()
    {
        var token = TestTokens.Sign(new JsonObject { ["typ"] = "JWT" }, TestTokens.Claims(), _ => [1, 2, 3]);

        AssertFailure(await Authenticate(TestTokens.Bearer(token)), AuthFailureCodes.UnsupportedAlgorithm);
    }

    [Theory]
    [InlineData("HS384")]
    [InlineData("HS512")]
    [InlineData("hs256")]
    [InlineData("RS256")]
    [InlineData("ES256")]
    [InlineData("PS256")]
    public async Task Algorithm_without_a_configured_key_is_unsupported_algorithm(string alg)
    {
        var token = TestTokens.Sign(TestTokens.Header(alg, "kid-1", null), TestTokens.Claims(), _ => new byte[64]);

        AssertFailure(await Authenticate(TestTokens.Bearer(token)), AuthFailureCodes.UnsupportedAlgorithm);
    }

    [Fact]
    public async Task Expired_token_is_token_expired()
    {
        var claims = TestTokens.Claims(overrides: new Dictionary<string, object?>
        {
            ["iat"] = Now - 7200, ["nbf"] = Now - 7200, ["exp"] = Now - 3600,
        });

        AssertFailure(await Authenticate(TestTokens.Bearer(TestTokens.Hs256(claims))), AuthFailureCodes.TokenExpired);
    }

    [Fact]
    public async Task Token_expired_within_the_clock_skew_is_accepted()
    {
        var claims = TestTokens.Claims(overrides: new Dictionary<string, object?> { ["exp"] = Now - 20, ["nbf"] = Now - 600 });

        Assert.True((await Authenticate(TestTokens.Bearer(TestTokens.Hs256(claims)))).Succeeded);
    }

    [Fact]
    public async Task Token_with_nbf_beyond_the_clock_skew_is_token_not_yet_valid()
    {
        var claims = TestTokens.Claims(overrides: new Dictionary<string, object?> { ["nbf"] = Now + 600, ["exp"] = Now + 3600 });

        AssertFailure(await Authenticate(TestTokens.Bearer(TestTokens.Hs256(claims))), AuthFailureCodes.TokenNotYetValid);
    }

    [Fact]
    public async Task Token_without_exp_is_malformed_token()
    {
        var claims = TestTokens.Claims(overrides: new Dictionary<string, object?> { ["exp"] = null });

        AssertFailure(await Authenticate(TestTokens.Bearer(TestTokens.Hs256(claims))), AuthFailureCodes.MalformedToken);
    }

    [Fact]
    public async Task Token_signed_with_another_secret_is_invalid_signature()
    {
        var token = TestTokens.Hs256(TestTokens.Claims(), key: "another-secret-that-is-also-at-least-32-bytes-long");

        AssertFailure(await Authenticate(TestTokens.Bearer(token)), AuthFailureCodes.InvalidSignature);
    }

    [Fact]
    public async Task Token_with_tampered_payload_is_invalid_signature()
    {
        var genuine = TestTokens.Hs256(TestTokens.Claims("victim")).Split('.');
        var forgedPayload = TestTokens.Hs256(TestTokens.Claims("attacker")).Split('.')[1];

        var outcome = await Authenticate(TestTokens.Bearer($"{genuine[0]}.{forgedPayload}.{genuine[2]}"));

        AssertFailure(outcome, AuthFailureCodes.InvalidSignature);
    }

    [Fact]
    public async Task Token_with_empty_signature_is_invalid_signature()
    {
        var parts = TestTokens.Hs256(TestTokens.Claims()).Split('.');

        AssertFailure(await Authenticate(TestTokens.Bearer($"{parts[0]}.{parts[1]}.")), AuthFailureCodes.InvalidSignature);
    }

    [Fact]
    public async Task Bad_signature_is_reported_even_when_the_token_is_also_expired()
    {
        // Claims are only judged after the signature: an attacker learns nothing from an unsigned token's claims.
        var claims = TestTokens.Claims(overrides: new Dictionary<string, object?> { ["exp"] = Now - 3600, ["nbf"] = Now - 7200 });
        var token = TestTokens.Hs256(claims, key: "another-secret-that-is-also-at-least-32-bytes-long");

        AssertFailure(await Authenticate(TestTokens.Bearer(token)), AuthFailureCodes.InvalidSignature);
    }

    [Fact]
    public async Task Token_from_another_issuer_is_invalid_issuer()
    {
        var claims = TestTokens.Claims(overrides: new Dictionary<string, object?> { ["iss"] = "https://evil.example/auth/v1" });

        AssertFailure(await Authenticate(TestTokens.Bearer(TestTokens.Hs256(claims))), AuthFailureCodes.InvalidIssuer);
    }

    [Fact]
    public async Task Token_for_another_audience_is_invalid_audience()
    {
        var claims = TestTokens.Claims(overrides: new Dictionary<string, object?> { ["aud"] = "anon" });

        AssertFailure(await Authenticate(TestTokens.Bearer(TestTokens.Hs256(claims))), AuthFailureCodes.InvalidAudience);
    }

    [Fact]
    public async Task Issuer_and_audience_are_not_checked_when_not_configured()
    {
        var authenticator = Authenticator(new AuthOptions { SigningKey = TestTokens.SigningKey });
        var claims = TestTokens.Claims(overrides: new Dictionary<string, object?> { ["iss"] = null, ["aud"] = null });

        var outcome = await authenticator.AuthenticateAsync(TestTokens.Bearer(TestTokens.Hs256(claims)), CancellationToken.None);

        Assert.True(outcome.Succeeded);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task Token_without_sub_is_malformed_token(string? sub)
    {
        // A null override removes the claim; "" keeps it, empty.
        var claims = TestTokens.Claims(overrides: new Dictionary<string, object?> { ["sub"] = sub });

        AssertFailure(await Authenticate(TestTokens.Bearer(TestTokens.Hs256(claims))), AuthFailureCodes.MalformedToken);
    }

    [Fact]
    public async Task Failure_carries_a_www_authenticate_challenge_naming_the_reason()
    {
        var expired = TestTokens.Claims(overrides: new Dictionary<string, object?> { ["exp"] = Now - 3600, ["nbf"] = Now - 7200 });

        var missing = await Authenticate(null);
        var failed = await Authenticate(TestTokens.Bearer(TestTokens.Hs256(expired)));
        var succeeded = await Authenticate(TestTokens.Bearer(TestTokens.Hs256(TestTokens.Claims())));

        Assert.Equal("Bearer realm=\"scale\", error=\"missing_token\", error_description=\"The request has no bearer token.\"", missing.WwwAuthenticate);
        Assert.StartsWith("Bearer realm=\"scale\", error=\"token_expired\"", failed.WwwAuthenticate, StringComparison.Ordinal);
        Assert.Null(succeeded.WwwAuthenticate);
    }

    [Fact]
    public void Www_authenticate_escapes_quotes_in_the_detail()
    {
        var outcome = AuthOutcome.Failure(AuthFailureCodes.MalformedToken, "say \"hi\"");

        Assert.EndsWith("error_description=\"say \\\"hi\\\"\"", outcome.WwwAuthenticate, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failure_detail_never_echoes_the_token()
    {
        var token = TestTokens.Hs256(TestTokens.Claims(), key: "another-secret-that-is-also-at-least-32-bytes-long");
        var headers = new[] { TestTokens.Bearer(token), "Basic " + token, TestTokens.Bearer(token + ".x.y"), TestTokens.Bearer(TestTokens.WithoutSignature(TestTokens.Claims())) };

        foreach (var header in headers)
        {
            var outcome = await Authenticate(header);
            Assert.False(outcome.Succeeded);
            foreach (var part in token.Split('.'))
            {
                Assert.DoesNotContain(part, outcome.FailureDetail!, StringComparison.Ordinal);
            }
        }
    }
}
