using FsCheck;
using FsCheck.Fluent;
using Meurs.Media.Routing;

namespace Meurs.Tests.Media.Routing;

public sealed class RtpRetransmissionBufferTests
{
    private static readonly TimeSpan T0 = TimeSpan.FromSeconds(5);

    // A minimal RTP packet (RFC 3550 §5.1) with the sequence number in bytes 2..3.
    private static byte[] Packet(ushort seq, byte fill = 0xAB) =>
    [
        0x80, 0x60,                         // V=2, PT=96
        (byte)(seq >> 8), (byte)seq,        // sequence number
        0x00, 0x00, 0x10, 0x00,             // timestamp
        0xCA, 0xFE, 0xBA, 0xBE,             // SSRC
        fill, fill, (byte)(seq * 7),        // payload
    ];

    [Fact]
    public void TryGet_StoredPacket_ReturnsExactBytes()
    {
        var buffer = new RtpRetransmissionBuffer();
        var sent = Packet(1000);
        buffer.Store(1000, sent, T0);

        Assert.True(buffer.TryGet(1000, T0, out var packet));
        Assert.Equal(sent, packet.ToArray());
        Assert.False(buffer.TryGet(1001, T0, out var missing));
        Assert.True(missing.IsEmpty);
    }

    [Fact]
    public void Resolve_NackedSequenceNumbers_ReturnsStoredPacketsInOrderSkippingUnknown()
    {
        var buffer = new RtpRetransmissionBuffer();
        for (ushort seq = 10; seq < 20; seq++)
        {
            buffer.Store(seq, Packet(seq), T0);
        }

        var packets = buffer.Resolve([17, 12, 25, 13], T0 + TimeSpan.FromMilliseconds(100));

        Assert.Equal([Packet(17), Packet(12), Packet(13)], packets.Select(p => p.ToArray()));
    }

    [Fact]
    public void Store_MoreThanCapacity_EvictsTheOldest()
    {
        var buffer = new RtpRetransmissionBuffer(capacity: 8);
        for (ushort seq = 0; seq < 20; seq++)
        {
            buffer.Store(seq, Packet(seq), T0);
        }

        for (ushort seq = 0; seq < 20; seq++)
        {
            Assert.Equal(seq >= 12, buffer.TryGet(seq, T0, out _));
        }
    }

    [Fact]
    public void TryGet_OlderThanMaxAge_IsGone()
    {
        var buffer = new RtpRetransmissionBuffer(maxAge: TimeSpan.FromSeconds(1));
        buffer.Store(1, Packet(1), T0);
        buffer.Store(2, Packet(2), T0 + TimeSpan.FromMilliseconds(500));

        Assert.True(buffer.TryGet(1, T0 + TimeSpan.FromSeconds(1), out _));
        Assert.False(buffer.TryGet(1, T0 + TimeSpan.FromSeconds(1) + TimeSpan.FromTicks(1), out _));
        Assert.True(buffer.TryGet(2, T0 + TimeSpan.FromSeconds(1) + TimeSpan.FromTicks(1), out _));
        Assert.Empty(buffer.Resolve([1], T0 + TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void Store_AcrossTheWrap_KeepsPacketsOnBothSides()
    {
        var buffer = new RtpRetransmissionBuffer(capacity: 16);
        for (var i = 0; i < 12; i++)
        {
            var seq = (ushort)(65530 + i);
            buffer.Store(seq, Packet(seq), T0);
        }

        var packets = buffer.Resolve([65530, 65535, 0, 5], T0);

        Assert.Equal([Packet(65530), Packet(65535), Packet(0), Packet(5)], packets.Select(p => p.ToArray()));
    }

    [Fact]
    public void TryGet_SameSlotFromFarBehindTheNewest_IsNotReturned()
    {
        // After the stream jumps ahead in steps (none touching slot 7), the 7 still in slot 7 is
        // 65528 behind the newest (8 ahead, after a wrap), so it must not answer for 7.
        var buffer = new RtpRetransmissionBuffer(capacity: 16);
        buffer.Store(7, Packet(7), T0);
        buffer.Store(20_000, Packet(20_000), T0);
        buffer.Store(40_000, Packet(40_000), T0);
        buffer.Store(60_000, Packet(60_000), T0);
        buffer.Store(65_535, Packet(65_535), T0);

        Assert.False(buffer.TryGet(7, T0, out _));
        Assert.True(buffer.TryGet(65_535, T0, out _));
    }

    [Fact]
    public void Store_LatePacketWithinCapacity_IsKept_TooOldIsNot()
    {
        var buffer = new RtpRetransmissionBuffer(capacity: 16);
        buffer.Store(100, Packet(100), T0);
        buffer.Store(90, Packet(90), T0);
        buffer.Store(84, Packet(84), T0);

        Assert.True(buffer.TryGet(90, T0, out _));
        Assert.False(buffer.TryGet(84, T0, out _)); // 16 behind 100: outside the ring
    }

    [Fact]
    public void Resolve_SamePacketRepeatedly_LimitedByIntervalAndCount()
    {
        var buffer = new RtpRetransmissionBuffer(
            maxRetransmissions: 2, minRetransmissionInterval: TimeSpan.FromMilliseconds(20));
        buffer.Store(1, Packet(1), T0);

        Assert.Single(buffer.Resolve([1, 1], T0));                               // once per request
        Assert.Empty(buffer.Resolve([1], T0 + TimeSpan.FromMilliseconds(19)));  // within 20 ms
        Assert.Single(buffer.Resolve([1], T0 + TimeSpan.FromMilliseconds(20)));  // second and last
        Assert.Empty(buffer.Resolve([1], T0 + TimeSpan.FromMilliseconds(200))); // count used up
        Assert.True(buffer.TryGet(1, T0 + TimeSpan.FromMilliseconds(200), out _));
    }

    [Fact]
    public void Store_SameSequenceNumberAgain_ResetsTheRetransmissionCount()
    {
        var buffer = new RtpRetransmissionBuffer(maxRetransmissions: 1);
        buffer.Store(1, Packet(1, 0x01), T0);
        buffer.Resolve([1], T0);

        buffer.Store(1, Packet(1, 0x02), T0);

        Assert.Equal([Packet(1, 0x02)], buffer.Resolve([1], T0).Select(p => p.ToArray()));
    }

    [Fact]
    public void Clear_ForgetsEverything()
    {
        var buffer = new RtpRetransmissionBuffer();
        buffer.Store(1, Packet(1), T0);

        buffer.Clear();

        Assert.False(buffer.TryGet(1, T0, out _));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(600, 1024)]
    [InlineData(1024, 1024)]
    [InlineData(32768, 32768)]
    public void Capacity_RoundsUpToPowerOfTwo(int requested, int expected)
    {
        Assert.Equal(expected, new RtpRetransmissionBuffer(requested).Capacity);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(32769)]
    public void Constructor_CapacityOutOfRange_Throws(int capacity)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RtpRetransmissionBuffer(capacity));
    }

    [Fact]
    public void Store_RandomSequenceWalk_NeverAnswersWithAnotherSequenceNumber()
    {
        // Seeded walk with jumps, reorders and wraps: whatever is returned carries the asked seq.
        var random = new Random(4585);
        var buffer = new RtpRetransmissionBuffer(capacity: 64);
        ushort seq = 65000;
        var now = T0;
        for (var i = 0; i < 20_000; i++)
        {
            seq = random.Next(10) switch
            {
                0 => (ushort)(seq + random.Next(30_000)),
                1 => (ushort)(seq - random.Next(100)),
                _ => (ushort)(seq + 1),
            };
            now += TimeSpan.FromMilliseconds(random.Next(3));
            buffer.Store(seq, Packet(seq), now);

            var asked = (ushort)(seq - random.Next(200));
            if (buffer.TryGet(asked, now, out var packet))
            {
                Assert.Equal(asked, (ushort)((packet.Span[2] << 8) | packet.Span[3]));
            }
        }
    }

    [Fact]
    public void TryGet_ContiguousStreamFromAnyStart_HoldsExactlyTheLastCapacityPackets()
    {
        var cases =
            from start in Gen.Choose(0, 65535)
            from capacityLog in Gen.Choose(0, 8)
            from count in Gen.Choose(1, 1200)
            select (Start: (ushort)start, Capacity: 1 << capacityLog, Count: count);
        var property = Prop.ForAll(Arb.From(cases), c =>
        {
            var buffer = new RtpRetransmissionBuffer(c.Capacity);
            for (var i = 0; i < c.Count; i++)
            {
                var seq = (ushort)(c.Start + i);
                buffer.Store(seq, Packet(seq), T0);
            }

            // Every number from 2000 before the start to just past the end: held iff among the
            // last Capacity stored.
            for (var i = -2000; i <= c.Count; i++)
            {
                var seq = (ushort)(c.Start + i);
                var expected = i >= 0 && i < c.Count && i >= c.Count - c.Capacity;
                if (buffer.TryGet(seq, T0, out var packet) != expected
                    || (expected && !packet.Span.SequenceEqual(Packet(seq))))
                {
                    return false;
                }
            }

            return true;
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), property);
    }
}
