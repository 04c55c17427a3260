using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Scale.Functions.Local;

/// <summary>
/// The local host's stop on SIGTERM (or Ctrl+C), bounded by <c>Shutdown__GraceSeconds</c> (default 30), which is
/// the generic host's <see cref="HostOptions.ShutdownTimeout"/>: Kestrel stops accepting connections at once and
/// lets requests in flight finish within it; the statement watcher lists no new blobs and lets deliveries in flight
/// run for <see cref="DrainFor"/>, then cancels them, so the processor rolls their transaction back and releases the
/// claim while the host still has time (another instance takes the upload over at once, not after the lease).
/// The Functions host drains invocations itself and cancels their token; the processor releases the same way.
/// </summary>
public static class GracefulShutdown
{
    public const string GraceSetting = "Shutdown:GraceSeconds";
    public const int DefaultGraceSeconds = 30;

    /// <summary>Longest part of the grace period kept back for releasing claims after a cancelled delivery.</summary>
    private static readonly TimeSpan MaxReleaseReserve = TimeSpan.FromSeconds(5);

    public static IServiceCollection AddGracefulShutdown(this IServiceCollection services, IConfiguration configuration)
    {
        var grace = Math.Max(1, configuration.GetValue(GraceSetting, DefaultGraceSeconds));
        return services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(grace));
    }

    /// <summary>How long work already started may keep running once stopping began: the grace less a quarter (at most 5 s).</summary>
    public static TimeSpan DrainFor(TimeSpan grace)
    {
        var reserve = grace / 4 < MaxReleaseReserve ? grace / 4 : MaxReleaseReserve;
        return grace - reserve;
    }
}
