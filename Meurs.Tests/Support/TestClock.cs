namespace Meurs.Tests.Support;

/// <summary>
/// The tests' one clock that moves only when told to: both its wall-clock time (<see cref="GetUtcNow"/>) and its
/// monotonic timestamps (<see cref="GetTimestamp"/>, in <see cref="TimeSpan"/> ticks) advance together with
/// <see cref="Advance"/>. Register it as the app's <see cref="TimeProvider"/>, or hand it to a Meurs.Media component,
/// to test expiry, consent, throttles and timers without waiting. Timers it creates still run on real time.
/// </summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    private long ticks = start.UtcTicks;

    /// <summary>A clock starting at the real current time, so values written by code on the system clock still compare sensibly.</summary>
    public TestClock()
        : this(DateTimeOffset.UtcNow)
    {
    }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc />
    public override long GetTimestamp() => Interlocked.Read(ref ticks);

    /// <summary>Moves both the time and the timestamps forward by <paramref name="by"/>.</summary>
    public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);
}
