using System.Net.Http;
using System.Net.Sockets;
using Azure;
using Npgsql;
using StackExchange.Redis;

namespace Scale.Functions.Pipeline.Faults;

/// <summary>The dependency a transient failure came from, as /health/ready names it.</summary>
public enum Dependency { Database, Redis, Storage, Network }

/// <summary>
/// Tells a transient infrastructure failure (a dependency down, refusing or saturated: retrying later can succeed)
/// from a bug. The error boundary answers the first with 503 + Retry-After and the second with 500, so clients
/// and load balancers retry what is worth retrying and operators are paged for what is not.
/// The whole exception chain is inspected: SDKs wrap the socket error (Azure's retry policy in an
/// AggregateException, Npgsql in an NpgsqlException, our own code in whatever it throws).
/// </summary>
public static class TransientFailure
{
    /// <returns>The failing dependency, or null when the exception is not a transient infrastructure failure.</returns>
    public static Dependency? Classify(Exception exception)
    {
        Dependency? network = null;
        foreach (var ex in Chain(exception))
        {
            switch (ex)
            {
                // IsTransient covers a lost or refused connection (IOException/SocketException inside), the
                // exhausted pool (TimeoutException inside) and server states like 57P01 admin_shutdown, 53300
                // too_many_connections, 57P03 cannot_connect_now. A constraint violation or bad SQL is not transient.
                case NpgsqlException { IsTransient: true }:
                    return Dependency.Database;
                case NpgsqlException:
                    return null;
                case RedisConnectionException or RedisTimeoutException:
                    return Dependency.Redis;
                // Status 0: no response at all (refused, reset, DNS). 408/429/5xx: the service said "not now".
                // 404/409/412... are answers about our request and stay bugs or handled outcomes.
                case RequestFailedException { Status: 0 or 408 or 429 or >= 500 }:
                    return Dependency.Storage;
                case RequestFailedException:
                    return null;
                case SocketException or HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError }:
                    network ??= Dependency.Network;
                    break;
            }
        }
        return network;
    }

    private static IEnumerable<Exception> Chain(Exception root)
    {
        var pending = new Stack<Exception>();
        pending.Push(root);
        var seen = 0;
        while (pending.Count > 0 && seen++ < 32) // bounded: a pathological cycle must not hang the error boundary
        {
            var ex = pending.Pop();
            yield return ex;
            if (ex is AggregateException aggregate)
                foreach (var inner in aggregate.InnerExceptions.Reverse()) pending.Push(inner);
            else if (ex.InnerException is { } innerException)
                pending.Push(innerException);
        }
    }
}
