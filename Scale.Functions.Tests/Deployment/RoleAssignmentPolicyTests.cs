using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Scale.Functions.Tests.Deployment;

/// <summary>
/// Least privilege: exactly these data-plane roles, to these principals, at these resource scopes. No control-plane
/// role (Owner, Contributor, User Access Administrator, ... Contributor on an account or vault) and no
/// resource-group or subscription scope.
/// </summary>
public partial class RoleAssignmentPolicyTests
{
    private const string BlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string QueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string TableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";
    private const string BlobDataReader = "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1";

    /// <summary>Role, scope resource type, principal parameter of infra/app/rbac.bicep.</summary>
    private static readonly (string Role, string Scope, string Principal)[] Expected =
    [
        (BlobDataOwner, "Microsoft.Storage/storageAccounts", "appPrincipalId"),
        (QueueDataContributor, "Microsoft.Storage/storageAccounts", "appPrincipalId"),
        (TableDataContributor, "Microsoft.Storage/storageAccounts", "appPrincipalId"),
        (KeyVaultSecretsUser, "Microsoft.KeyVault/vaults", "appPrincipalId"),
        (MonitoringMetricsPublisher, "Microsoft.Insights/components", "appPrincipalId"),
        (KeyVaultSecretsUser, "Microsoft.KeyVault/vaults", "userPrincipalId"),
        (BlobDataReader, "Microsoft.Storage/storageAccounts", "userPrincipalId"),
    ];

    private static readonly string[] Privileged =
    [
        "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", // Owner
        "b24988ac-6180-42a0-ab88-20f7382dd24c", // Contributor
        "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9", // User Access Administrator
        "17d1049b-9a84-46fb-8f53-869881c3d3ab", // Storage Account Contributor
        "00482a5a-887f-4fb3-b363-3b7fe8e74483", // Key Vault Administrator
        "b86a8fe4-44ce-4948-aee5-eccb2c155cd7", // Key Vault Secrets Officer
    ];

    /// <summary>Each assignment resolved from the compiled expressions: the role ids a (copy) resource grants.</summary>
    private static List<(string Role, string Scope, string Principal)> Actual()
    {
        var found = new List<(string, string, string)>();
        foreach (var assignment in CompiledTemplate.OfType("Microsoft.Authorization/roleAssignments"))
        {
            var variables = assignment.Template["variables"]?.AsObject() ?? [];
            var roleExpression = assignment.Properties!["roleDefinitionId"]!.ToString();
            var scope = ScopeType().Match(assignment.Scope ?? "");
            Assert.True(scope.Success, $"{assignment}: scope '{assignment.Scope}' is not a single resource");
            var principal = PrincipalParameter().Match(assignment.Properties["principalId"]!.ToString());
            Assert.True(principal.Success, $"{assignment}: principal is not a parameter of the module");
            foreach (var role in RoleIds(roleExpression, variables))
                found.Add((role, scope.Groups[1].Value, principal.Groups[1].Value));
        }
        return found;
    }

    /// <summary>variables('roles').x → its id; variables('list')[copyIndex()] → every id that list names.</summary>
    private static IEnumerable<string> RoleIds(string expression, JsonObject variables)
    {
        var roles = variables["roles"]?.AsObject();
        Assert.NotNull(roles);
        var listed = CopiedList().Match(expression);
        var expressions = listed.Success
            ? variables[listed.Groups[1].Value]!.AsArray().Select(e => e!.ToString())
            : [expression];
        foreach (var e in expressions)
        {
            var name = RoleVariable().Match(e);
            Assert.True(name.Success, $"role '{e}' is not one of the named built-in roles");
            yield return roles[name.Groups[1].Value]!.ToString();
        }
    }

    [Fact]
    public void Role_assignments_are_exactly_the_least_privileged_set()
    {
        var actual = Actual().OrderBy(a => a.ToString()).ToList();
        Assert.Equal(Expected.OrderBy(a => a.ToString()), actual);
    }

    [Fact]
    public void No_assignment_grants_a_control_plane_role()
    {
        Assert.All(Actual(), a => Assert.DoesNotContain(a.Role, Privileged));
    }

    [Fact]
    public void The_app_principal_is_the_function_apps_system_assigned_identity()
    {
        var value = CompiledTemplate.Main["resources"]!["rbac"]!["properties"]!["parameters"]!["appPrincipalId"]!["value"]!.ToString();
        Assert.Equal("[reference('api').outputs.principalId.value]", value);
        var output = CompiledTemplate.Module("api")["outputs"]!["principalId"]!["value"]!.ToString();
        Assert.Contains("identity.principalId", output, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^\[resourceId\('([A-Za-z./]+)', parameters\('[A-Za-z]+'\)\)\]$")]
    private static partial Regex ScopeType();

    [GeneratedRegex(@"^\[parameters\('([A-Za-z]+)'\)\]$")]
    private static partial Regex PrincipalParameter();

    [GeneratedRegex(@"variables\('([A-Za-z]+)'\)\[copyIndex\(\)\]")]
    private static partial Regex CopiedList();

    [GeneratedRegex(@"variables\('roles'\)\.([A-Za-z]+)")]
    private static partial Regex RoleVariable();
}
