using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Scale.Functions.Tests.Deployment;

/// <summary>
/// Every resource that can send diagnostics sends them to the one Log Analytics workspace, and every resource type
/// in the template has been decided on: a new type fails here until it is added to one list or the other.
/// </summary>
public partial class DiagnosticSettingsPolicyTests
{
    /// <summary>Types Azure Monitor takes a diagnostic setting on (logs and/or metrics).</summary>
    private static readonly string[] SupportDiagnostics =
    [
        "Microsoft.Web/sites", "Microsoft.Web/serverfarms",
        "Microsoft.Storage/storageAccounts", "Microsoft.Storage/storageAccounts/blobServices",
        "Microsoft.Storage/storageAccounts/queueServices", "Microsoft.Storage/storageAccounts/tableServices",
        "Microsoft.KeyVault/vaults", "Microsoft.DBforPostgreSQL/flexibleServers", "Microsoft.Cache/redis",
        "Microsoft.OperationalInsights/workspaces", "Microsoft.Insights/components", "Microsoft.EventGrid/systemTopics",
    ];

    /// <summary>Types with no diagnostic settings of their own (children, role assignments, alert definitions).</summary>
    private static readonly string[] NoDiagnostics =
    [
        "Microsoft.Resources/resourceGroups", "Microsoft.Resources/deployments", "Microsoft.Insights/diagnosticSettings",
        "Microsoft.Web/sites/config", "Microsoft.Web/sites/basicPublishingCredentialsPolicies",
        "Microsoft.Storage/storageAccounts/blobServices/containers", "Microsoft.Storage/storageAccounts/queueServices/queues",
        "Microsoft.Storage/storageAccounts/tableServices/tables", "Microsoft.KeyVault/vaults/secrets",
        "Microsoft.DBforPostgreSQL/flexibleServers/configurations", "Microsoft.DBforPostgreSQL/flexibleServers/databases",
        "Microsoft.DBforPostgreSQL/flexibleServers/firewallRules", "Microsoft.Authorization/roleAssignments",
        "Microsoft.Insights/actionGroups", "Microsoft.Insights/scheduledQueryRules", "Microsoft.Insights/metricAlerts",
        "Microsoft.Insights/webtests", "Microsoft.Insights/workbooks",
    ];

    /// <summary>The workspace as modules receive it, and as the monitoring module that creates it names it.</summary>
    private static readonly string[] TheWorkspace =
        ["[parameters('logAnalyticsId')]", "[resourceId('Microsoft.OperationalInsights/workspaces', parameters('logAnalyticsName'))]"];

    [Fact]
    public void Every_resource_type_is_classified_for_diagnostics()
    {
        var unknown = CompiledTemplate.All().Select(r => r.Type).Distinct()
            .Where(t => !SupportDiagnostics.Contains(t) && !NoDiagnostics.Contains(t)).ToList();
        Assert.True(unknown.Count == 0, $"decide whether these send diagnostics: {string.Join(", ", unknown)}");
    }

    [Fact]
    public void Every_resource_that_supports_diagnostics_sends_them_to_log_analytics()
    {
        var all = CompiledTemplate.All();
        var targets = all.Where(r => SupportDiagnostics.Contains(r.Type)).ToList();
        Assert.True(targets.Count >= SupportDiagnostics.Length, "the template lost resources this test expects");
        foreach (var target in targets)
        {
            var settings = all.Where(d => d.Type == "Microsoft.Insights/diagnosticSettings" && d.Module == target.Module
                                          && (d.Scope ?? "").StartsWith($"[resourceId('{target.Type}',", StringComparison.Ordinal)).ToList();
            Assert.True(settings.Count == 1, $"{target}: expected one diagnostic setting, found {settings.Count}");
            var (properties, workspace) = Resolve(settings[0]);
            Assert.True(TheWorkspace.Contains(workspace), $"{target}: diagnostics go to '{workspace}', not the monitoring workspace");
            Assert.Contains("AllMetrics", properties["metrics"]?.ToJsonString() ?? "", StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// A setting's properties, written literally or by infra/app/diagnostics.bicep's settings(workspaceId, withLogs)
    /// (compiled as a call to the imported function): the body and the workspace expression it ends up with.
    /// </summary>
    private static (JsonObject Properties, string Workspace) Resolve(TemplateResource setting)
    {
        if (setting.Properties is JsonObject literal) return (literal, literal["workspaceId"]?.ToString() ?? "");
        var call = FunctionCall().Match(setting.Properties?.ToString() ?? "");
        Assert.True(call.Success, $"{setting}: properties are neither literal nor a settings(...) call");
        var body = setting.Template["functions"]![0]!["members"]![call.Groups[1].Value]!["output"]!["value"]!.AsObject();
        Assert.Equal("[parameters('workspaceId')]", body["workspaceId"]?.ToString());
        return (body, $"[{call.Groups[2].Value}]");
    }

    [GeneratedRegex(@"^\[__bicep\.([A-Za-z]+)\((.+), (true|false)\(\)\)\]$")]
    private static partial Regex FunctionCall();

    [Fact]
    public void Diagnostic_settings_all_point_at_the_monitoring_workspace()
    {
        // Modules get the workspace id from the monitoring module's output, not a hand-typed resource id.
        foreach (var module in new[] { "storage", "keyVault", "postgres", "redis", "api", "events" })
        {
            var value = CompiledTemplate.Main["resources"]![module]!["properties"]!["parameters"]!["logAnalyticsId"]!["value"]!.ToString();
            Assert.Equal("[reference('monitoring').outputs.logAnalyticsId.value]", value);
        }
    }
}
