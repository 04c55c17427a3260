using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Scale.Functions.Infrastructure.Redis;
using Scale.Functions.Pipeline.Throttling;

namespace Scale.Functions.Tests.Throttling;

/// <summary>Options, binding and startup validation for throttling and the Redis connection.</summary>
public sealed class ThrottlingRegistrationTests
{
    [Fact]
    public void Defaults_match_the_api_contract()
    {
        var options = new RateLimitingOptions();

        Assert.Equal((100, 60), (options.For(ThrottleTier.Default).Limit, options.For(ThrottleTier.Default).WindowSeconds));
        Assert.Equal((5, 60), (options.For(ThrottleTier.Import).Limit, options.For(ThrottleTier.Import).WindowSeconds));
        Assert.Equal((50, 60), (options.For(ThrottleTier.Classify).Limit, options.For(ThrottleTier.Classify).WindowSeconds));
        Assert.Equal((3, 3600), (options.For(ThrottleTier.Training).Limit, options.For(ThrottleTier.Training).WindowSeconds));
        Assert.Equal((20, 60), (options.For(ThrottleTier.FailedAuthentication).Limit, options.For(ThrottleTier.FailedAuthentication).WindowSeconds));
        Assert.Empty(options.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => options.For(ThrottleTier.Unlimited));
    }

    [Theory]
    [InlineData(0, 60)]
    [InlineData(-1, 60)]
    [InlineData(5, 0)]
    [InlineData(5, 86_401)]
    public void Out_of_range_limits_are_errors(int limit, int window)
    {
        var options = new RateLimitingOptions { Import = new TierLimit { Limit = limit, WindowSeconds = window } };

        Assert.Single(options.Validate());
    }

    [Fact]
    public async Task Section_binds_from_configuration_and_throttle_is_a_resilient_singleton()
    {
        using var host = Build(new()
        {
            ["ConnectionStrings:Redis"] = RedisTestSupport.ConnectionString,
            ["RateLimiting:Import:Limit"] = "7",
            ["RateLimiting:Import:WindowSeconds"] = "30",
            ["RateLimiting:KeyPrefix"] = "scale:test:binding:",
        });
        await host.StartAsync();

        var options = host.Services.GetRequiredService<IOptions<RateLimitingOptions>>().Value;
        var throttle = host.Services.GetRequiredService<IRequestThrottle>();

        Assert.Equal(7, options.Import.Limit);
        Assert.Equal(30, options.Import.WindowSeconds);
        Assert.Equal(100, options.Default.Limit);
        Assert.IsType<ResilientThrottle>(throttle);
        Assert.Same(throttle, host.Services.GetRequiredService<IRequestThrottle>());
        await host.StopAsync();
    }

    [Fact]
    public async Task Invalid_rate_limits_stop_the_host_at_start()
    {
        using var host = Build(new()
        {
            ["ConnectionStrings:Redis"] = RedisTestSupport.ConnectionString,
            ["RateLimiting:Training:WindowSeconds"] = "0",
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Training", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "is not set")]
    [InlineData("127.0.0.1:6379,password=hunter2,nonsense=1", "malformed")]
    [InlineData(",,,", "no endpoint")]
    public async Task Missing_or_malformed_redis_connection_string_stops_the_host_with_a_clear_error(string? connectionString, string expected)
    {
        using var host = Build(new() { ["ConnectionStrings:Redis"] = connectionString });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redis_ping_reports_reachability_for_readiness()
    {
        await using var up = await RedisTestSupport.ConnectedAsync();
        await using var down = RedisTestSupport.Connect(RedisTestSupport.DeadEndpoint());

        Assert.True(await up.PingAsync(TimeSpan.FromSeconds(1), CancellationToken.None));
        Assert.False(await down.PingAsync(TimeSpan.FromSeconds(1), CancellationToken.None));
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddScaleThrottling();
        builder.Services.AddScaleRedis();
        return builder.Build();
    }
}
