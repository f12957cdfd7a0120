using Meurs.Media.Rtcp;

namespace Meurs.Tests.Media.Rtcp;

/// <summary>Report blocks (RFC 3550 §6.4.1, Appendix A.3 and A.8) from counted packets, on explicit times.</summary>
public sealed class ReceptionStatisticsTests
{
    private static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);

    [Fact]
    public void TryReport_BeforeAnyPacket_IsFalse()
    {
        Assert.False(new ReceptionStatistics(5, 48000).TryReport(Ms(0), out _));
    }

    [Fact]
    public void TryReport_AcrossTheSequenceWrap_CountsCyclesAndLossPerInterval()
    {
        var stats = new ReceptionStatistics(5, 48000);
        stats.OnPacket(65534, 0, Ms(0));
        stats.OnPacket(65535, 960, Ms(20));
        stats.OnPacket(1, 2880, Ms(60)); // 0 lost across the wrap
        stats.OnPacket(65535, 960, Ms(61)); // a late duplicate does not move the highest number back

        Assert.True(stats.TryReport(Ms(100), out var first));
        Assert.Equal(5u, first.Ssrc);
        Assert.Equal(0x10001u, first.ExtendedHighestSequenceNumber);
        Assert.Equal(4L - 4, first.CumulativeLost); // 4 expected (65534..1), 4 counted with the duplicate
        Assert.Equal(0, first.FractionLost);

        stats.OnPacket(2, 3840, Ms(80));
        stats.OnPacket(5, 6720, Ms(140)); // 3 and 4 lost
        Assert.True(stats.TryReport(Ms(200), out var second));
        Assert.Equal(0x10005u, second.ExtendedHighestSequenceNumber);
        Assert.Equal(2, second.CumulativeLost);
        Assert.Equal(128, second.FractionLost); // 2 of the 4 expected since the first report
    }

    [Fact]
    public void TryReport_AfterASenderReport_GivesItsMiddleBitsAndTheDelaySince()
    {
        var stats = new ReceptionStatistics(5, 90000);
        stats.OnPacket(1, 0, Ms(0));
        stats.OnSenderReport(0x1122_3344_5566_7788, Ms(1000));

        Assert.True(stats.TryReport(Ms(1500), out var report));

        Assert.Equal(0x3344_5566u, report.LastSenderReport);
        Assert.Equal(32768u, report.DelaySinceLastSenderReport); // 0.5 s in 1/65536 s
    }

    [Fact]
    public void OnPacket_SteadyPacing_NoJitter_VaryingTransit_Jitter()
    {
        var steady = new ReceptionStatistics(5, 90000);
        var jumpy = new ReceptionStatistics(6, 90000);
        for (ushort i = 0; i < 20; i++)
        {
            steady.OnPacket(i, i * 3000u, Ms(i * 1000 / 30.0));
            jumpy.OnPacket(i, i * 3000u, Ms((i * 1000 / 30.0) + (i % 2 == 0 ? 0 : 10)));
        }

        Assert.True(steady.TryReport(Ms(1000), out var calm));
        Assert.True(jumpy.TryReport(Ms(1000), out var rough));
        Assert.True(calm.Jitter <= 1, $"jitter {calm.Jitter}");
        Assert.True(rough.Jitter > 300, $"jitter {rough.Jitter}"); // 10 ms of transit variation is 900 units at 90 kHz
    }
}
