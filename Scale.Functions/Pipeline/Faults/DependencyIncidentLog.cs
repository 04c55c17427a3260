using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Scale.Functions.Pipeline.Faults;

/// <summary>
/// Logs a dependency outage once per incident, not once per request: with Postgres down every request fails the
/// same way, and a warning per request would bury the cause (and cost money in Application Insights).
/// An incident is a run of failures of one dependency with no quiet gap longer than <see cref="QuietGap"/>;
/// its first failure is logged as a warning with the cause, later ones are counted and the count is reported when
/// the next incident of that dependency starts.
/// </summary>
public sealed class DependencyIncidentLog(ILogger<DependencyIncidentLog> logger, TimeProvider clock)
{
    public DependencyIncidentLog(ILogger<DependencyIncidentLog> logger) : this(logger, TimeProvider.System) { }

    public static readonly TimeSpan QuietGap = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<Dependency, Incident> _incidents = new();

    /// <returns>True when this failure started a new incident (and was logged).</returns>
    public bool Record(Dependency dependency, Exception cause, string route)
    {
        var now = clock.GetUtcNow();
        var incident = _incidents.GetOrAdd(dependency, _ => new Incident());
        long suppressedBefore;
        lock (incident)
        {
            var isNew = incident.LastFailure is null || now - incident.LastFailure.Value > QuietGap;
            incident.LastFailure = now;
            if (!isNew)
            {
                incident.Suppressed++;
                return false;
            }
            suppressedBefore = incident.Suppressed;
            incident.Suppressed = 0;
        }
        logger.LogWarning(cause,
            "Dependency {Dependency} unavailable ({Cause}); answering 503 on {Route} and every request that needs it until it recovers. Previous incident repeated {Suppressed} time(s)",
            dependency, Innermost(cause).Message, route, suppressedBefore);
        return true;
    }

    /// <summary>The root cause (Azure's retry policy wraps it in an AggregateException of every attempt).</summary>
    private static Exception Innermost(Exception ex)
    {
        for (var depth = 0; depth < 32; depth++)
        {
            var inner = ex is AggregateException { InnerExceptions.Count: > 0 } aggregate ? aggregate.InnerExceptions[0] : ex.InnerException;
            if (inner is null) break;
            ex = inner;
        }
        return ex;
    }

    private sealed class Incident
    {
        public DateTimeOffset? LastFailure;
        public long Suppressed;
    }
}
