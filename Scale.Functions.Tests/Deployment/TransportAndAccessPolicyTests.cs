using System.Text.Json.Nodes;

namespace Scale.Functions.Tests.Deployment;

/// <summary>
/// What a security review checks first on the compiled template (issue 10 item 2): every endpoint is HTTPS/TLS 1.2+,
/// nothing is public by default, no account key or basic-auth credential can be used.
/// </summary>
public class TransportAndAccessPolicyTests
{
    private static JsonNode? Prop(TemplateResource r, string path)
    {
        JsonNode? node = r.Properties;
        foreach (var part in path.Split('.')) node = node?[part];
        return node;
    }

    private static void AssertValue(TemplateResource r, string path, object expected)
    {
        var node = Prop(r, path);
        Assert.True(node is not null, $"{r}: properties.{path} is not set (expected {expected})");
        Assert.True(node!.ToJsonString() == JsonValue.Create(expected)!.ToJsonString(),
            $"{r}: properties.{path} is {node.ToJsonString()}, expected {expected}");
    }

    [Fact]
    public void Function_app_is_https_only_with_tls_1_2_and_no_ftp()
    {
        var site = CompiledTemplate.OnlyOne("Microsoft.Web/sites");
        AssertValue(site, "httpsOnly", true);
        AssertValue(site, "siteConfig.minTlsVersion", "1.2");
        AssertValue(site, "siteConfig.scmMinTlsVersion", "1.2");
        AssertValue(site, "siteConfig.ftpsState", "Disabled");
        Assert.Equal("SystemAssigned", (string?)site.Node["identity"]?["type"]);
    }

    [Fact]
    public void Function_app_is_flex_consumption_dotnet_isolated_deploying_with_its_identity()
    {
        var plan = CompiledTemplate.OnlyOne("Microsoft.Web/serverfarms");
        Assert.Equal("FC1", (string?)plan.Node["sku"]?["name"]);
        var site = CompiledTemplate.OnlyOne("Microsoft.Web/sites");
        AssertValue(site, "functionAppConfig.runtime.name", "dotnet-isolated");
        AssertValue(site, "functionAppConfig.deployment.storage.authentication.type", "SystemAssignedIdentity");
    }

    [Fact]
    public void Basic_auth_publishing_is_off_for_ftp_and_scm()
    {
        var policies = CompiledTemplate.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();
        Assert.Equal(["ftp", "scm"], policies.Select(p => ((string)p.Name).Split('\'')[^2]).Order());
        Assert.All(policies, p => AssertValue(p, "allow", false));
    }

    [Fact]
    public void Storage_takes_no_shared_key_no_public_blob_and_only_tls_1_2_https()
    {
        var account = CompiledTemplate.OnlyOne("Microsoft.Storage/storageAccounts");
        AssertValue(account, "allowSharedKeyAccess", false);
        AssertValue(account, "allowBlobPublicAccess", false);
        AssertValue(account, "minimumTlsVersion", "TLS1_2");
        AssertValue(account, "supportsHttpsTrafficOnly", true);
        AssertValue(account, "defaultToOAuthAuthentication", true);
        var containers = CompiledTemplate.OfType("Microsoft.Storage/storageAccounts/blobServices/containers").ToList();
        Assert.NotEmpty(containers);
        Assert.All(containers, c => AssertValue(c, "publicAccess", "None"));
    }

    [Fact]
    public void Host_storage_is_identity_based_not_a_connection_string()
    {
        var settings = CompiledTemplate.OnlyOne("Microsoft.Web/sites/config").Properties!.ToString();
        Assert.Contains("'AzureWebJobsStorage__credential', 'managedidentity'", settings, StringComparison.Ordinal);
        Assert.DoesNotContain("'AzureWebJobsStorage',", settings, StringComparison.Ordinal); // a connection string needs a key
        foreach (var service in new[] { "blob", "queue", "table" })
            Assert.Contains($"'AzureWebJobsStorage__{service}ServiceUri'", settings, StringComparison.Ordinal);
    }

    [Fact]
    public void Storage_declares_the_statements_containers_and_the_durable_task_hub()
    {
        var variables = CompiledTemplate.Module("storage")["variables"]!;
        Assert.Equal(["statements", "statements-poison"], variables["statementContainers"]!.AsArray().Select(c => (string)c!));
        Assert.Single(CompiledTemplate.OfType("Microsoft.Storage/storageAccounts/queueServices/queues"));
        Assert.Single(CompiledTemplate.OfType("Microsoft.Storage/storageAccounts/tableServices/tables"));
        var tables = variables["durableTables"]!.ToJsonString();
        Assert.Contains("History", tables, StringComparison.Ordinal);
        Assert.Contains("Instances", tables, StringComparison.Ordinal);
        var queues = variables["durableQueues"]!.ToString();
        Assert.Contains("-workitems", queues, StringComparison.Ordinal);
        Assert.Contains("-control-", queues, StringComparison.Ordinal);
    }

    [Fact]
    public void Redis_has_its_non_tls_port_off_and_tls_1_2_minimum()
    {
        var redis = CompiledTemplate.OnlyOne("Microsoft.Cache/redis");
        AssertValue(redis, "enableNonSslPort", false);
        AssertValue(redis, "minimumTlsVersion", "1.2");
    }

    [Fact]
    public void Postgres_requires_tls_1_2_on_the_server()
    {
        var settings = CompiledTemplate.OfType("Microsoft.DBforPostgreSQL/flexibleServers/configurations")
            .ToDictionary(c => c.Name.Split('\'')[^2], c => (string?)c.Properties?["value"]);
        Assert.Equal("on", settings.GetValueOrDefault("require_secure_transport"));
        Assert.Equal("TLSv1.2", settings.GetValueOrDefault("ssl_min_protocol_version"));
    }

    [Fact]
    public void Postgres_clients_verify_the_server_certificate()
    {
        var secret = CompiledTemplate.All().Single(r => r.Module == "postgres" && r.Symbol == "connectionString");
        Assert.Contains("SSL Mode=VerifyFull", secret.Node.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Key_vault_is_rbac_only_with_purge_protection()
    {
        var vault = CompiledTemplate.OnlyOne("Microsoft.KeyVault/vaults");
        AssertValue(vault, "enableRbacAuthorization", true);
        AssertValue(vault, "enablePurgeProtection", true);
        Assert.Null(Prop(vault, "accessPolicies"));
    }
}
