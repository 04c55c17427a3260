using System.Net.Http;
using System.Net.Sockets;
using Azure;
using Microsoft.Extensions.Logging;
using Npgsql;
using Scale.Functions.Pipeline.Faults;
using Scale.Functions.Tests.Auth;
using Scale.Functions.Tests.Throttling;
using StackExchange.Redis;

namespace Scale.Functions.Tests.Faults;

/// <summary>Issue 11 item 1: which exceptions are a dependency being down or saturated (503) and which are bugs (500).</summary>
public class TransientFailureTests
{
    public static TheoryData<string, Exception, Dependency?> Cases => new()
    {
        { "refused connection", new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused)), Dependency.Database },
        { "exhausted pool (as Npgsql throws it)", new NpgsqlException("The connection pool has been exhausted, either raise 'Max Pool Size' (currently 1) or 'Timeout' (currently 5 seconds) in your connection string.", new TimeoutException()), Dependency.Database },
        { "connection lost mid-read", new NpgsqlException("Exception while reading from stream", new EndOfStreamException()), Dependency.Database },
        { "server shutting down (57P01)", new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", PostgresErrorCodes.AdminShutdown), Dependency.Database },
        { "too many connections (53300)", new PostgresException("sorry, too many clients already", "FATAL", "FATAL", PostgresErrorCodes.TooManyConnections), Dependency.Database },
        { "wrapped by our own code", new InvalidOperationException("import failed", new NpgsqlException("x", new IOException())), Dependency.Database },
        { "redis unreachable", new RedisConnectionException(ConnectionFailureType.UnableToConnect, CommandFlags.None, "No connection is available", null, CommandStatus.Unknown), Dependency.Redis },
        { "redis timeout", new RedisTimeoutException(CommandFlags.None, "Timeout awaiting response", CommandStatus.Sent), Dependency.Redis },
        { "blob service unreachable", new RequestFailedException(0, "Connection refused", new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused")), Dependency.Storage },
        { "blob retries exhausted (Azure's AggregateException)", new AggregateException("Retry failed after 4 tries.", new RequestFailedException(503, "Server busy")), Dependency.Storage },
        { "bare refused socket", new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused", new SocketException((int)SocketError.ConnectionRefused)), Dependency.Network },
        // Bugs and answers about our request stay 500 (or whatever the handler makes of them).
        { "unique violation (23505)", new PostgresException("duplicate key", "ERROR", "ERROR", PostgresErrorCodes.UniqueViolation), null },
        { "numeric overflow (22003)", new PostgresException("numeric field overflow", "ERROR", "ERROR", PostgresErrorCodes.NumericValueOutOfRange), null },
        { "blob not found", new RequestFailedException(404, "BlobNotFound"), null },
        { "plain bug", new InvalidOperationException("Sequence contains no elements"), null },
        { "plain timeout (not a dependency's)", new TimeoutException(), null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Classifies_the_failure(string _, Exception exception, Dependency? expected) =>
        Assert.Equal(expected, TransientFailure.Classify(exception));

    [Fact]
    public void An_outage_is_logged_once_per_incident_as_a_warning()
    {
        var logger = new CapturingLogger<DependencyIncidentLog>();
        var clock = new ManualClock();
        var log = new DependencyIncidentLog(logger, clock);
        var cause = new NpgsqlException("refused", new SocketException());

        Assert.True(log.Record(Dependency.Database, cause, "import"));
        for (var i = 0; i < 50; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1)); // a steady stream of failures is one incident, however long
            Assert.False(log.Record(Dependency.Database, cause, "list"));
        }
        Assert.True(log.Record(Dependency.Redis, new RedisConnectionException(ConnectionFailureType.SocketFailure, CommandFlags.None, "x", null, CommandStatus.Unknown), "list"));
        Assert.Equal(2, logger.Count(LogLevel.Warning));

        clock.Advance(DependencyIncidentLog.QuietGap + TimeSpan.FromSeconds(1)); // recovered, then down again
        Assert.True(log.Record(Dependency.Database, cause, "import"));
        Assert.Equal(3, logger.Count(LogLevel.Warning));
        Assert.Equal(0, logger.Count(LogLevel.Error));
    }

    [Theory]
    [InlineData(503, LogLevel.Information)] // reported once per incident by DependencyIncidentLog instead
    [InlineData(500, LogLevel.Error)]
    [InlineData(502, LogLevel.Error)]
    [InlineData(429, LogLevel.Information)]
    public void The_request_log_does_not_repeat_an_outage_as_an_error_per_request(int status, LogLevel expected) =>
        Assert.Equal(expected, Scale.Functions.Pipeline.RequestLog.LevelFor(status));
}
