namespace Meurs.Tests.Media.Routing;

// A clock that moves only when the test says so; GetTimestamp counts TimeSpan ticks.
internal sealed class ManualTimeProvider : TimeProvider
{
    private long ticks = TimeSpan.FromHours(1).Ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => ticks;

    public void Advance(TimeSpan by) => ticks += by.Ticks;
}
