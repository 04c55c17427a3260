using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using Scale.Functions.Hosting;

namespace Scale.Functions.Tests.FunctionsFlavor;

/// <summary>
/// A <see cref="FunctionContext"/> as the worker builds one per invocation, mocked with Moq around the real worker
/// extension points our adapters use: <c>Items["HttpRequestContext"]</c> (what <c>GetHttpContext()</c> reads, set by
/// the ASP.NET Core integration) and the bindings feature behind <c>GetInvocationResult()</c>. That feature's
/// interface is internal to Worker.Core, which grants Moq's proxy assembly access, so it is mocked by reflection.
/// </summary>
internal static class FunctionInvocations
{
    private const string HttpContextKey = "HttpRequestContext";

    private static readonly Type BindingsFeatureType = typeof(FunctionContext).Assembly
        .GetType("Microsoft.Azure.Functions.Worker.Context.Features.IFunctionBindingsFeature", throwOnError: true)!;

    public static FunctionContext Create(string functionName, IServiceProvider services, HttpContext? http = null)
    {
        var items = new Dictionary<object, object>();
        if (http is not null) items[HttpContextKey] = http;

        var features = new InvocationFeatures();
        features.Set(BindingsFeatureType, NewBindingsFeature());

        var definition = new Mock<FunctionDefinition>();
        definition.SetupGet(d => d.Name).Returns(functionName);

        var context = new Mock<FunctionContext>();
        context.SetupGet(c => c.Items).Returns(items);
        context.SetupGet(c => c.Features).Returns(features);
        context.SetupGet(c => c.InstanceServices).Returns(services);
        context.SetupGet(c => c.FunctionDefinition).Returns(definition.Object);
        context.SetupGet(c => c.CancellationToken).Returns(CancellationToken.None);
        return context.Object;
    }

    /// <summary>The app's real service provider, configured as the Functions host would configure it (no server is contacted).</summary>
    public static ServiceProvider AppServices()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Port=9;Database=unused;Username=unused;Password=unused",
            ["ConnectionStrings:Redis"] = "127.0.0.1:9",
            ["ConnectionStrings:StatementStorage"] = "UseDevelopmentStorage=true",
            ["Auth:SigningKey"] = SigningKey,
            ["Cors:AllowedOrigins"] = "https://app.scale.test",
            ["Database:MigrateOnStart"] = "false",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddApplicationServices(configuration);
        services.AddSingleton(new Scale.Functions.Pipeline.RequestTelemetryMode(TrackRequests: false));
        return services.BuildServiceProvider();
    }

    public const string SigningKey = "functions-flavor-test-signing-key-0123456789abcdef";

    private static object NewBindingsFeature()
    {
        var mock = (Mock)Activator.CreateInstance(typeof(Mock<>).MakeGenericType(BindingsFeatureType))!;
        mock.GetType().GetMethod(nameof(Mock<object>.SetupAllProperties))!.Invoke(mock, null);
        return mock.Object;
    }

    /// <summary>The worker's feature collection contract: one instance per feature type.</summary>
    private sealed class InvocationFeatures : IInvocationFeatures
    {
        private readonly Dictionary<Type, object> _features = [];

        public void Set(Type type, object instance) => _features[type] = instance;

        public void Set<T>(T instance) => _features[typeof(T)] = instance!;

        public T? Get<T>() => _features.TryGetValue(typeof(T), out var feature) ? (T)feature : default;

        public IEnumerator<KeyValuePair<Type, object>> GetEnumerator() => _features.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>The test assembly's build knows where the Functions build wrote its output (functions.metadata...).</summary>
    public static string FunctionsOutputDirectory =>
        typeof(FunctionInvocations).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "FunctionsOutputDirectory").Value!;
}
