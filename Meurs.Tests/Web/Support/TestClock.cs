namespace Meurs.Tests.Web.Support;

/// <summary>A clock tests move by hand; register it as the app's <see cref="TimeProvider"/> to test expiry without waiting.</summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    private long ticks = start.UtcTicks;

    /// <summary>A clock starting at the real current time, so values written by code on the system clock still compare sensibly.</summary>
    public TestClock()
        : this(DateTimeOffset.UtcNow)
    {
    }

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);
}
