using Scale.Functions.Api;

namespace Scale.Functions.Local;

/// <summary>Route → handler, for the local host. The Functions classes in Azure/ bind the same pairs.</summary>
internal static class LocalRouteTable
{
    public static IReadOnlyList<(ApiRoute Route, Delegate Handler)> Handlers { get; } =
    [
        (ApiRoutes.HealthLive, HealthApi.HealthLive),
        (ApiRoutes.HealthReady, HealthApi.HealthReady),
        (ApiRoutes.GetProfile, ProfileApi.GetProfile),
        (ApiRoutes.UpdateSettings, ProfileApi.UpdateSettings),
    ];
}
