using FsCheck;
using FsCheck.Fluent;
using Meurs.Media.Rtcp;

namespace Meurs.Tests.Media.Rtcp;

public sealed class TransportWideCcFeedbackTests
{
    [Fact]
    public void TryParse_ChromeOnePacket_ReadsFieldsAndRewritesSameBytes()
    {
        var twcc = RtcpTestKit.ParseAndRewrite<TransportWideCcFeedback>(
            RtcpSamples.ChromeTwccOnePacket, TransportWideCcFeedback.TryParse);

        Assert.Equal(0xFA17FA17u, twcc.SenderSsrc);
        Assert.Equal(1124282272u, twcc.MediaSsrc);
        Assert.Equal(153, twcc.BaseSequenceNumber);
        Assert.Equal(4057090, twcc.ReferenceTime);
        Assert.Equal(23, twcc.FeedbackPacketCount);
        var packet = Assert.Single(twcc.Packets);
        Assert.Equal(new TransportWideCcPacket(153, true, 148), packet);
        Assert.Equal(TimeSpan.FromMilliseconds(37), packet.DeltaTime);
    }

    [Fact]
    public void TryParse_ChromeSevenPackets_ReadsRun()
    {
        var twcc = RtcpTestKit.ParseAndRewrite<TransportWideCcFeedback>(
            RtcpSamples.ChromeTwccSevenPackets, TransportWideCcFeedback.TryParse);

        Assert.Equal(4, twcc.BaseSequenceNumber);
        Assert.Equal(1074030, twcc.ReferenceTime);
        Assert.Equal(1, twcc.FeedbackPacketCount);
        Assert.Equal([76, 36, 36, 16, 12, 12, 16], twcc.Packets.Select(p => p.Delta));
        Assert.Equal(Enumerable.Range(4, 7).Select(i => (ushort)i), twcc.Packets.Select(p => p.SequenceNumber));
        Assert.All(twcc.Packets, p => Assert.True(p.Received));
    }

    [Fact]
    public void TryParse_DraftOneBitVector_ReadsSymbolsInOrder()
    {
        var twcc = RtcpTestKit.ParseAndRewrite<TransportWideCcFeedback>(
            RtcpSamples.TwccOneBitVector, TransportWideCcFeedback.TryParse);

        Assert.Equal(
            [false, true, true, true, true, true, false, false, false, true, true, true, false, false],
            twcc.Packets.Select(p => p.Received));
        Assert.Equal(
            [0, 1, 2, 3, 4, 5, 0, 0, 0, 6, 7, 8, 0, 0],
            twcc.Packets.Select(p => p.Delta));
        Assert.Equal(16, twcc.ReferenceTime);
    }

    [Fact]
    public void TryParse_DraftRunLength_CoversRunAndWrapsSequenceNumbers()
    {
        var twcc = RtcpTestKit.ParseAndRewrite<TransportWideCcFeedback>(
            RtcpSamples.TwccRunLengths, TransportWideCcFeedback.TryParse);

        Assert.Equal(222, twcc.Packets.Count);
        Assert.All(twcc.Packets.Take(221), p => Assert.False(p.Received));
        Assert.Equal(65535, twcc.Packets[63].SequenceNumber);
        Assert.Equal(0, twcc.Packets[64].SequenceNumber);
        Assert.Equal(new TransportWideCcPacket(157, true, 250), twcc.Packets[^1]);
        Assert.Equal(-0x800000, twcc.ReferenceTime);
        Assert.Equal(255, twcc.FeedbackPacketCount);
    }

    [Fact]
    public void TryParse_TwoBitVector_ReadsSignedLargeDeltas()
    {
        var twcc = RtcpTestKit.ParseAndRewrite<TransportWideCcFeedback>(
            RtcpSamples.TwccTwoBitVector, TransportWideCcFeedback.TryParse);

        Assert.Equal(
            [
                new TransportWideCcPacket(65534, true, 4),
                new TransportWideCcPacket(65535, false, 0),
                new TransportWideCcPacket(0, true, -4),
                new TransportWideCcPacket(1, true, 255),
                new TransportWideCcPacket(2, false, 0),
                new TransportWideCcPacket(3, true, 300),
                new TransportWideCcPacket(4, true, 0),
            ],
            twcc.Packets);
        Assert.Equal(-1, twcc.ReferenceTime);
    }

    [Theory]
    [InlineData(0x60, 0x18)] // §3.1.3 example 2: a run of symbol 11
    [InlineData(0xCD, 0x50)] // §3.1.4 example 2: a two-bit vector holding symbol 11
    public void TryParse_ReservedSymbol_Fails(byte high, byte low)
    {
        // Draft -01 §3.1.1 reserves symbol 11 (its examples still show it); libwebrtc refuses it too.
        var bytes = RtcpSamples.ChromeTwccOnePacket.ToArray();
        bytes[15] = 0x02; // two statuses, so the vector's second symbol (11) is read
        bytes[20] = high;
        bytes[21] = low;

        Assert.False(TransportWideCcFeedback.TryParse(bytes, out _));
    }

    [Fact]
    public void TryParse_StatusCountBeyondChunks_Fails()
    {
        var bytes = RtcpSamples.ChromeTwccOnePacket.ToArray();
        bytes[15] = 0xFF; // 255 statuses, one chunk covering one

        Assert.False(TransportWideCcFeedback.TryParse(bytes, out _));
    }

    [Fact]
    public void TryParse_MaximumStatusCountInTinyPacket_Fails()
    {
        byte[] bytes =
        [
            0x8F, 0xCD, 0x00, 0x04,                     // FMT=15, PT=205, length 4
            0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x02,
            0x00, 0x00, 0xFF, 0xFF,                     // base 0, 65535 statuses
            0x00, 0x00, 0x00, 0x00,                     // reference time, fb count; no chunks
        ];

        Assert.False(TransportWideCcFeedback.TryParse(bytes, out _));
    }

    [Fact]
    public void TryParse_DeltasMissing_Fails()
    {
        var bytes = RtcpSamples.ChromeTwccSevenPackets.ToArray();
        bytes[^1] = 0x0A; // 10 bytes of padding swallow the deltas

        Assert.False(TransportWideCcFeedback.TryParse(bytes, out _));
    }

    [Fact]
    public void TryParse_LargeDeltaCutOff_Fails()
    {
        var bytes = RtcpSamples.TwccTwoBitVector.ToArray();
        bytes[^1] = 0x07; // padding eats into the deltas

        Assert.False(TransportWideCcFeedback.TryParse(bytes, out _));
    }

    [Fact]
    public void TryParse_ZeroStatuses_IsEmpty()
    {
        byte[] bytes =
        [
            0x8F, 0xCD, 0x00, 0x04,                     // FMT=15, PT=205, length 4
            0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x02,
            0x00, 0x10, 0x00, 0x00,                     // base 16, no statuses
            0x00, 0x00, 0x40, 0x07,                     // reference time 64, fb count 7
        ];

        var twcc = RtcpTestKit.ParseAndRewrite<TransportWideCcFeedback>(bytes, TransportWideCcFeedback.TryParse);

        Assert.Empty(twcc.Packets);
        Assert.Equal(64, twcc.ReferenceTime);
    }

    [Fact]
    public void Write_InvalidStatuses_AreRefused()
    {
        var gap = new TransportWideCcFeedback
        {
            BaseSequenceNumber = 10,
            Packets = [new TransportWideCcPacket(10, true, 1), new TransportWideCcPacket(12, true, 1)],
        };
        var hugeDelta = new TransportWideCcFeedback { Packets = [new TransportWideCcPacket(0, true, 40_000)] };
        var badTime = new TransportWideCcFeedback { ReferenceTime = 0x800000 };

        Assert.Equal(-1, gap.GetLength());
        Assert.Equal(-1, hugeDelta.GetLength());
        Assert.Equal(-1, badTime.GetLength());
        Assert.False(gap.TryWrite(new byte[64], out _));
    }

    [Fact]
    public void Write_LongRunsAndMixedStatuses_PicksCompactChunks()
    {
        // 20 received small, 3 mixed with a large delta, then 9000 lost and one received.
        var statuses = new List<(bool, int)>();
        statuses.AddRange(Enumerable.Repeat((true, 1), 20));
        statuses.AddRange([(true, 300), (false, 0), (true, 2)]);
        statuses.AddRange(Enumerable.Repeat((false, 0), 9000));
        statuses.Add((true, 3));
        var twcc = new TransportWideCcFeedback
        {
            BaseSequenceNumber = 65000,
            Packets = statuses.Select((s, i) => new TransportWideCcPacket((ushort)(65000 + i), s.Item1, s.Item2)).ToArray(),
        };

        var bytes = RtcpTestKit.Write(twcc);

        var chunks = Enumerable.Range(0, 5).Select(i => (bytes[20 + 2 * i] << 8) | bytes[21 + 2 * i]).ToArray();
        Assert.Equal(
            [
                0x2014,                                 // run: small delta x 20
                0xE100,                                 // 2-bit vector: large, lost, small, lost x 4
                0x1FFF,                                 // run: lost x 8191 (the longest run)
                9000 - 4 - 8191,                        // run: lost x 805
                0x2001,                                 // run: small x 1
            ],
            chunks);
        Assert.True(TransportWideCcFeedback.TryParse(bytes, out var parsed));
        Assert.Equal(twcc.Packets, parsed.Packets);
    }

    [Fact]
    public void WriteThenParse_RandomFeedback_RoundTrips()
    {
        var status = Gen.Frequency(
            (4, Gen.Choose(0, 255).Select(d => (true, d))),
            (1, Gen.Choose(short.MinValue, short.MaxValue).Select(d => (true, d))),
            (2, Gen.Constant((false, 0))));
        var runs = Gen.Choose(1, 40).SelectMany(n => status.Select(s => Enumerable.Repeat(s, n)));
        var sample =
            from baseSequence in Gen.Choose(0, 0xFFFF)
            from referenceTime in Gen.Choose(-0x800000, 0x7FFFFF)
            from count in Gen.Choose(0, 30)
            from pieces in Gen.ArrayOf(Gen.Frequency((3, status.Select(s => Enumerable.Repeat(s, 1))), (1, runs)), count)
            select (baseSequence, referenceTime, pieces.SelectMany(p => p).ToArray());
        var property = Prop.ForAll(Arb.From(sample), s =>
        {
            var (baseSequence, referenceTime, statuses) = s;
            var twcc = new TransportWideCcFeedback
            {
                SenderSsrc = 1,
                MediaSsrc = 2,
                BaseSequenceNumber = (ushort)baseSequence,
                ReferenceTime = referenceTime,
                FeedbackPacketCount = (byte)statuses.Length,
                Packets = statuses
                    .Select((x, i) => new TransportWideCcPacket((ushort)(baseSequence + i), x.Item1, x.Item2))
                    .ToArray(),
            };
            return RtcpTestKit.RoundTrips(twcc, TransportWideCcFeedback.TryParse)
                && TransportWideCcFeedback.TryParse(RtcpTestKit.Write(twcc), out var parsed)
                && parsed.Packets.SequenceEqual(twcc.Packets)
                && parsed.ReferenceTime == referenceTime;
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1_000), property);
    }
}
