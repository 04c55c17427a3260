using System.Text.Json;

namespace Scale.Functions.Tests.FunctionsFlavor;

/// <summary>
/// The deployable package, as <c>dotnet publish Scale.Functions -c Release -p:ScaleHost=Functions</c> writes it
/// (scripts/test.sh publishes to SCALE_PUBLISH_DIR before these tests; the deploy workflow runs the same command).
/// </summary>
public sealed class PublishedPackageTests
{
    private static readonly string Package = Environment.GetEnvironmentVariable("SCALE_PUBLISH_DIR") is { Length: > 0 } dir
        ? dir
        : throw new InvalidOperationException("SCALE_PUBLISH_DIR is not set: run scripts/test.sh, which publishes the package first.");

    [Theory]
    [InlineData("host.json")]
    [InlineData("worker.config.json")]
    [InlineData("functions.metadata")]
    [InlineData("Scale.Functions.dll")]
    public void The_package_holds_what_the_host_loads(string file) =>
        Assert.True(File.Exists(Path.Combine(Package, file)), $"{file} is missing from {Package}");

    [Fact]
    public void The_shipped_classifier_is_in_the_package() =>
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(Package, "models"), "categorizer-*.bin"));

    [Fact]
    public void The_extensions_bundle_the_worker_built_is_in_the_package()
    {
        var extensions = Path.Combine(Package, ".azurefunctions");
        Assert.True(Directory.Exists(extensions), ".azurefunctions/ (the WebJobs extensions the host loads) is missing");
        var bin = Directory.GetFiles(extensions, "*.dll", SearchOption.AllDirectories).Select(Path.GetFileName).ToList();
        // The SDK keeps the host-side extensions our functions' bindings use (HTTP and timers are built into the host).
        Assert.Contains("Microsoft.Azure.WebJobs.Extensions.Storage.Blobs.dll", bin);
        Assert.Contains("Microsoft.Azure.WebJobs.Extensions.FunctionMetadataLoader.dll", bin);
        // Training's orchestrator, activities and [DurableClient] starters run on the host's Durable extension.
        Assert.Contains("Microsoft.Azure.WebJobs.Extensions.DurableTask.dll", bin);
        using var registered = JsonDocument.Parse(File.ReadAllText(Path.Combine(Package, "extensions.json")));
        var names = registered.RootElement.GetProperty("extensions").EnumerateArray().Select(e => e.GetProperty("name").GetString());
        Assert.Contains("AzureStorageBlobs", names);
        Assert.Contains("DurableTask", names);
    }

    [Fact]
    public void The_worker_config_starts_our_executable_as_a_dotnet_isolated_worker()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(Package, "worker.config.json")));
        var description = config.RootElement.GetProperty("description");
        Assert.Equal("dotnet-isolated", description.GetProperty("language").GetString());
        Assert.Equal("Scale.Functions.dll", description.GetProperty("defaultWorkerPath").GetString());
    }

    [Fact]
    public void The_package_carries_no_local_settings_or_local_host_code()
    {
        Assert.False(File.Exists(Path.Combine(Package, "local.settings.json")), "local.settings.json must never be published");
        // Read the published file's metadata itself (loading it would return the already-loaded assembly).
        using var pe = new System.Reflection.PortableExecutable.PEReader(File.OpenRead(Path.Combine(Package, "Scale.Functions.dll")));
        var metadata = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
        var namespaces = metadata.TypeDefinitions.Select(h => metadata.GetString(metadata.GetTypeDefinition(h).Namespace)).ToHashSet();
        Assert.Contains("Scale.Functions.Azure", namespaces);
        Assert.DoesNotContain("Scale.Functions.Local", namespaces);
    }

    [Fact]
    public void Published_metadata_is_the_metadata_the_parity_tests_checked()
    {
        var published = File.ReadAllText(Path.Combine(Package, "functions.metadata"));
        var built = File.ReadAllText(Path.Combine(FunctionInvocations.FunctionsOutputDirectory, "functions.metadata"));
        Assert.Equal(built, published);
    }
}
