namespace Scale.Functions.Tests.Auth;

/// <summary>A clock tests move by hand, for cache ageing and rate-limited refetches.</summary>
internal sealed class ManualClock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}
