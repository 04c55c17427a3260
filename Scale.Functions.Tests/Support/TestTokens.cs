using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace Scale.Functions.Tests.Support;

/// <summary>
/// Mints JWTs for tests by hand (not through a token library) so any header or claim can be forged:
/// <c>alg: none</c>, wrong <c>kid</c>, expired, <c>nbf</c> in the future, wrong iss/aud, missing sub.
/// </summary>
public static class TestTokens
{
    /// <summary>A 64-char secret, the shape of a Supabase JWT secret.</summary>
    public const string SigningKey = "test-signing-key-0123456789abcdef-test-signing-key-0123456789ab";
    public const string Issuer = "https://auth.test.scale/auth/v1";
    public const string Audience = "authenticated";

    /// <summary>Standard valid claims: sub, iss, aud, iat, nbf, exp (+1 h). Pass overrides; a null value removes a claim.</summary>
    public static JsonObject Claims(string sub = "user-123", IDictionary<string, object?>? overrides = null)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var claims = new JsonObject
        {
            ["sub"] = sub,
            ["iss"] = Issuer,
            ["aud"] = Audience,
            ["iat"] = now,
            ["nbf"] = now,
            ["exp"] = now + 3600,
        };
        foreach (var (name, value) in overrides ?? new Dictionary<string, object?>())
        {
            if (value is null)
            {
                claims.Remove(name);
            }
            else
            {
                claims[name] = value as JsonNode ?? JsonSerializer.SerializeToNode(value);
            }
        }

        return claims;
    }

    public static string Hs256(JsonObject claims, string key = SigningKey, JsonObject? extraHeader = null) =>
        Sign(Header("HS256", null, extraHeader), claims, data => HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), data));

    public static string Rs256(JsonObject claims, RSA rsa, string? kid, string alg = "RS256") =>
        Sign(Header(alg, kid, null), claims, data => rsa.SignData(data, HashFor(alg), RSASignaturePadding.Pkcs1));

    /// <summary>ES256/ES384; .NET's SignData already emits the IEEE P1363 r||s form JWS requires.</summary>
    public static string Es256(JsonObject claims, ECDsa ecdsa, string? kid, string alg = "ES256") =>
        Sign(Header(alg, kid, null), claims, data => ecdsa.SignData(data, HashFor(alg)));

    /// <summary>An unsigned token: <c>header.payload.</c> with the given alg (e.g. "none", "None").</summary>
    public static string WithoutSignature(JsonObject claims, string alg = "none") =>
        Encode(Header(alg, null, null)) + "." + Encode(claims) + ".";

    /// <summary>Any header/claims with a signature function over the ASCII signing input.</summary>
    public static string Sign(JsonObject header, JsonObject claims, Func<byte[], byte[]> signer)
    {
        var signingInput = Encode(header) + "." + Encode(claims);
        return signingInput + "." + Base64UrlEncoder.Encode(signer(Encoding.ASCII.GetBytes(signingInput)));
    }

    public static JsonObject Header(string alg, string? kid, JsonObject? extra)
    {
        var header = new JsonObject { ["alg"] = alg, ["typ"] = "JWT" };
        if (kid is not null)
        {
            header["kid"] = kid;
        }

        foreach (var (name, value) in extra ?? new JsonObject())
        {
            header[name] = value?.DeepClone();
        }

        return header;
    }

    /// <summary>A JWKS document (<c>{"keys":[...]}</c>) publishing the public halves of the given keys.</summary>
    public static string Jwks(params (AsymmetricAlgorithm Key, string Kid)[] keys)
    {
        var array = new JsonArray();
        foreach (var (key, kid) in keys)
        {
            array.Add(key switch
            {
                RSA rsa => RsaJwk(rsa, kid),
                ECDsa ec => EcJwk(ec, kid),
                _ => throw new ArgumentException("Only RSA and ECDsa keys.", nameof(keys)),
            });
        }

        return new JsonObject { ["keys"] = array }.ToJsonString();
    }

    public static string Bearer(string token) => "Bearer " + token;

    private static JsonObject RsaJwk(RSA rsa, string kid)
    {
        var p = rsa.ExportParameters(includePrivateParameters: false);
        return new JsonObject
        {
            ["kty"] = "RSA", ["use"] = "sig", ["kid"] = kid,
            ["n"] = Base64UrlEncoder.Encode(p.Modulus), ["e"] = Base64UrlEncoder.Encode(p.Exponent),
        };
    }

    private static JsonObject EcJwk(ECDsa ec, string kid)
    {
        var p = ec.ExportParameters(includePrivateParameters: false);
        var crv = p.Q.X!.Length switch { 32 => "P-256", 48 => "P-384", _ => "P-521" };
        return new JsonObject
        {
            ["kty"] = "EC", ["use"] = "sig", ["kid"] = kid, ["crv"] = crv,
            ["x"] = Base64UrlEncoder.Encode(p.Q.X), ["y"] = Base64UrlEncoder.Encode(p.Q.Y),
        };
    }

    private static HashAlgorithmName HashFor(string alg) => alg.EndsWith("384", StringComparison.Ordinal)
        ? HashAlgorithmName.SHA384
        : HashAlgorithmName.SHA256;

    private static string Encode(JsonNode node) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(node.ToJsonString()));
}
