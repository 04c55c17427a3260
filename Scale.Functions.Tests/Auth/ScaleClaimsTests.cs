using System.Security.Claims;
using Scale.Functions.Pipeline.Auth;
using Scale.Functions.Tests.Support;
using static Scale.Functions.Tests.Auth.AuthTestSupport;

namespace Scale.Functions.Tests.Auth;

/// <summary>The admin role as it arrives in real tokens (plain <c>role</c>, Supabase app_metadata / user_role).</summary>
public sealed class ScaleClaimsTests
{
    private static async Task<AuthOutcome> AuthenticateWith(string claimName, object claimValue)
    {
        var claims = TestTokens.Claims(overrides: new Dictionary<string, object?> { [claimName] = claimValue });
        var outcome = await Authenticator(SupabaseOptions()).AuthenticateAsync(TestTokens.Bearer(TestTokens.Hs256(claims)), CancellationToken.None);
        Assert.True(outcome.Succeeded, outcome.FailureDetail);
        return outcome;
    }

    [Fact]
    public async Task Role_claim_admin_is_admin() =>
        Assert.True(ScaleClaims.IsAdmin((await AuthenticateWith("role", "admin")).Principal!));

    [Fact]
    public async Task Role_array_containing_admin_is_admin() =>
        Assert.True((await AuthenticateWith("role", new[] { "authenticated", "admin" })).IsAdmin);

    [Fact]
    public async Task Supabase_app_metadata_role_admin_is_admin() =>
        Assert.True((await AuthenticateWith("app_metadata", new { provider = "email", role = "admin" })).IsAdmin);

    [Fact]
    public async Task Supabase_user_role_hook_claim_admin_is_admin() =>
        Assert.True((await AuthenticateWith("user_role", "admin")).IsAdmin);

    [Fact]
    public async Task Supabase_authenticated_role_is_not_admin() =>
        Assert.False((await AuthenticateWith("role", "authenticated")).IsAdmin);

    [Fact]
    public async Task User_editable_user_metadata_cannot_grant_admin() =>
        Assert.False((await AuthenticateWith("user_metadata", new { role = "admin" })).IsAdmin);

    [Fact]
    public async Task Role_match_is_exact() =>
        Assert.False((await AuthenticateWith("role", "Admin ")).IsAdmin);

    [Fact]
    public void Principal_without_claims_is_not_admin_and_has_no_user_id()
    {
        var principal = new ClaimsPrincipal(new ClaimsIdentity());

        Assert.False(ScaleClaims.IsAdmin(principal));
        Assert.Null(ScaleClaims.GetUserId(principal));
    }

    [Fact]
    public void Malformed_app_metadata_is_ignored()
    {
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim("app_metadata", "{not json")]));

        Assert.False(ScaleClaims.IsAdmin(principal));
    }
}
