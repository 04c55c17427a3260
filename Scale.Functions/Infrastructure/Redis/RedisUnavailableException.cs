namespace Scale.Functions.Infrastructure.Redis;

/// <summary>Redis is not connected right now; callers that can degrade catch this and do so.</summary>
public sealed class RedisUnavailableException : Exception
{
    public RedisUnavailableException()
        : base("Redis is not connected.")
    {
    }

    public RedisUnavailableException(string message)
        : base(message)
    {
    }

    public RedisUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
