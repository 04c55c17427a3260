using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Scale.Functions.Tests.Support;

namespace Scale.Functions.Tests.Deployment;

/// <summary>
/// Secrets reach the app only as Key Vault references, are typed secure wherever they pass, and never appear in an
/// output or a parameter file.
/// </summary>
public partial class SecretHandlingPolicyTests
{
    /// <summary>App settings whose values are secrets (local.settings.sample.json).</summary>
    private static readonly string[] SecretSettings =
        ["ConnectionStrings__Postgres", "ConnectionStrings__Redis", "Pagination__CursorKey", "Auth__SigningKey"];

    private static string AppSettingsExpression =>
        (string)CompiledTemplate.Main["resources"]!["api"]!["properties"]!["parameters"]!["appSettings"]!["value"]!;

    private static IEnumerable<string> SecureParameters(JsonObject template) =>
        template["parameters"]?.AsObject()
            .Where(p => (string?)p.Value!["type"] is "securestring" or "secureObject")
            .Select(p => p.Key) ?? [];

    [Fact]
    public void Every_secret_setting_is_a_key_vault_reference()
    {
        var expression = AppSettingsExpression;
        foreach (var setting in SecretSettings)
            Assert.Matches($@"'{setting}', __bicep\.kvReference\(", expression);
        var kvReference = CompiledTemplate.Main["functions"]![0]!["members"]!["kvReference"]!["output"]!["value"]!.ToString();
        Assert.StartsWith("[format('@Microsoft.KeyVault(VaultName={0};SecretName={1})'", kvReference, StringComparison.Ordinal);
    }

    [Fact]
    public void No_secure_parameter_flows_into_app_settings_as_a_value()
    {
        // Only "is it set" checks (empty(...)) may name a secret parameter; its value goes to Key Vault.
        var withoutEmptyChecks = EmptyCheck().Replace(AppSettingsExpression, "");
        foreach (var name in SecureParameters(CompiledTemplate.Main))
            Assert.DoesNotContain($"parameters('{name}')", withoutEmptyChecks, StringComparison.Ordinal);
    }

    [Fact]
    public void Secret_parameters_are_secure_in_every_module()
    {
        foreach (var template in CompiledTemplate.All().Where(r => r.Type == "Microsoft.Resources/deployments")
                     .Select(r => r.Node["properties"]!["template"]!.AsObject()).Append(CompiledTemplate.Main))
        {
            var parameters = template["parameters"]?.AsObject() ?? [];
            foreach (var (name, definition) in parameters)
                if (SecretName().IsMatch(name) && !name.EndsWith("Name", StringComparison.Ordinal))
                    Assert.True((string?)definition!["type"] == "securestring", $"parameter '{name}' carries a secret but is not @secure()");
        }
    }

    [Fact]
    public void No_output_carries_a_secret_or_a_listed_key()
    {
        foreach (var template in CompiledTemplate.All().Where(r => r.Type == "Microsoft.Resources/deployments")
                     .Select(r => r.Node["properties"]!["template"]!.AsObject()).Append(CompiledTemplate.Main))
        {
            var secure = SecureParameters(template).ToList();
            foreach (var (name, output) in template["outputs"]?.AsObject() ?? [])
            {
                var value = output!["value"]?.ToString() ?? "";
                Assert.DoesNotMatch(@"\blist[A-Za-z]*\(", value);
                Assert.All(secure, s => Assert.DoesNotContain($"parameters('{s}')", value, StringComparison.Ordinal));
                Assert.False(SecretName().IsMatch(name) && !name.EndsWith("Name", StringComparison.OrdinalIgnoreCase),
                    $"output '{name}' is named like a secret");
            }
        }
    }

    [Theory]
    [InlineData("infra/main.parameters.json")]
    [InlineData("infra/env/staging.parameters.json")]
    [InlineData("infra/env/prod.parameters.json")]
    public void Parameter_files_hold_no_secret_values(string file)
    {
        var parameters = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, file)))!["parameters"]!.AsObject();
        var declared = CompiledTemplate.Main["parameters"]!.AsObject();
        foreach (var (name, entry) in parameters)
        {
            Assert.True(declared.ContainsKey(name), $"{file}: '{name}' is not a parameter of main.bicep");
            if ((string?)declared[name]!["type"] != "securestring") continue;
            // azd fills these at provision time: from an environment variable or Key Vault (or a new random one).
            var value = (string?)entry!["value"] ?? "";
            Assert.Matches(@"^(\$\{[A-Z0-9_]+\}|\$\(secretOrRandomPassword \$\{[A-Z0-9_]+\} [a-z0-9-]+\))$", value);
        }
        foreach (var (name, definition) in declared)
            if (definition!["defaultValue"] is null)
                Assert.True(parameters.ContainsKey(name), $"{file}: required parameter '{name}' is not assigned");
    }

    [GeneratedRegex(@"empty\(parameters\('[A-Za-z]+'\)\)")]
    private static partial Regex EmptyCheck();

    [GeneratedRegex("(?i)(password|secret|signingkey|cursorkey|connectionstring$)")]
    private static partial Regex SecretName();
}
