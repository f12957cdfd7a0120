namespace Meurs.Tests.Media.Ice;

// A clock tests move by hand. Unlike Web's TestClock it also drives GetTimestamp, which the ICE
// agent uses so that wall-clock jumps cannot expire consent.
internal sealed class ManualTimeProvider : TimeProvider
{
    private long ticks = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);

    public override long GetTimestamp() => Interlocked.Read(ref ticks);

    public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);
}
