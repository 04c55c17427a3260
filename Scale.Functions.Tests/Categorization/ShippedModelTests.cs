using Scale.Functions.Infrastructure.Categorization;

namespace Scale.Functions.Tests.Categorization;

/// <summary>Issue 15 item 12: the newest shipped model is chosen by version, not by string order.</summary>
public sealed class ShippedModelTests
{
    [Fact]
    public void Version_1_10_0_is_newer_than_1_9_0()
    {
        var newest = ShippedModel.Newest(["models/categorizer-1.9.0.bin", "models/categorizer-1.10.0.bin", "models/categorizer-1.2.0.bin"]);
        Assert.Equal("models/categorizer-1.10.0.bin", newest);
    }

    [Fact]
    public void A_name_without_a_version_never_beats_a_versioned_one()
    {
        Assert.Equal("m/categorizer-0.1.0.bin", ShippedModel.Newest(["m/categorizer-latest.bin", "m/categorizer-0.1.0.bin"]));
        Assert.Null(ShippedModel.Newest([]));
    }

    [Fact]
    public void The_shipped_folder_resolves_to_a_model_file()
    {
        var path = ShippedModel.Locate(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        Assert.True(File.Exists(path), path);
    }
}
