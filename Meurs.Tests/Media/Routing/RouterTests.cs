using Meurs.Media.Routing;
using Meurs.Media.Rtcp;
using Microsoft.Extensions.Time.Testing;

namespace Meurs.Tests.Media.Routing;

public sealed class RouterTests
{
    private const uint AudioSsrc = 0x8E3D1F27;
    private const uint VideoSsrc = 0x11223344;

    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private readonly RecordingSink sink = new();
    private readonly Router router;

    public RouterTests()
    {
        router = new Router(sink, sink, clock);
    }

    // One RTP packet as a browser would send it (RFC 3550 §5.1): 12-byte header, then a payload
    // that encodes the input sequence number so each copy can be matched to its original.
    private static byte[] Rtp(uint ssrc, ushort seq, uint ts, byte payloadType = 111, bool marker = false, int payloadLength = 20)
    {
        var packet = new byte[12 + payloadLength];
        packet[0] = 0x80;                                        // V=2 P=0 X=0 CC=0
        packet[1] = (byte)((marker ? 0x80 : 0) | payloadType);   // M, PT
        packet[2] = (byte)(seq >> 8);                            // sequence number
        packet[3] = (byte)seq;
        packet[4] = (byte)(ts >> 24);                            // timestamp
        packet[5] = (byte)(ts >> 16);
        packet[6] = (byte)(ts >> 8);
        packet[7] = (byte)ts;
        packet[8] = (byte)(ssrc >> 24);                          // SSRC
        packet[9] = (byte)(ssrc >> 16);
        packet[10] = (byte)(ssrc >> 8);
        packet[11] = (byte)ssrc;
        for (var i = 12; i < packet.Length; i++)
        {
            packet[i] = (byte)(seq + i);                         // payload
        }

        return packet;
    }

    private int Send(uint ssrc, ushort seq, uint ts, bool keyframe = false, int payloadLength = 20, int? audioLevel = null)
    {
        var packet = Rtp(ssrc, seq, ts, payloadLength: payloadLength);
        return router.Route(new RtpPacketInfo(ssrc, seq, ts, false, keyframe, payloadLength, audioLevel), packet);
    }

    private static void AssertContiguous(List<byte[]> packets)
    {
        for (var i = 1; i < packets.Count; i++)
        {
            Assert.Equal((ushort)(RecordingSink.Seq(packets[i - 1]) + 1), RecordingSink.Seq(packets[i]));
        }
    }

    [Fact]
    public void Route_OneProducerThreeConsumers_DistinctSsrcsContiguousSequencesSamePayload()
    {
        router.CreateProducer("mic", MediaKind.Audio, AudioSsrc, 111, 48_000);
        var consumers = new[]
        {
            router.CreateConsumer("c1", "mic", "t1"),
            router.CreateConsumer("c2", "mic", "t2"),
            router.CreateConsumer("c3", "mic", "t3"),
        };

        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(3, Send(AudioSsrc, (ushort)(65_500 + i), 1_000_000u + (uint)(i * 960)));
        }

        Assert.Equal(3, consumers.Select(c => c.Ssrc).Append(AudioSsrc).Distinct().Count() - 1);
        foreach (var consumer in consumers)
        {
            var packets = sink.To(consumer);
            Assert.Equal(100, packets.Count);
            Assert.All(packets, p => Assert.Equal(consumer.Ssrc, RecordingSink.Ssrc(p)));
            AssertContiguous(packets);
            for (var i = 0; i < 100; i++)
            {
                var original = Rtp(AudioSsrc, (ushort)(65_500 + i), 0);
                Assert.Equal(original.AsSpan(0, 2).ToArray(), packets[i].AsSpan(0, 2).ToArray());
                Assert.Equal(original.AsSpan(12).ToArray(), packets[i].AsSpan(12).ToArray());
                Assert.Equal(RecordingSink.Timestamp(packets[0]) + (uint)(i * 960), RecordingSink.Timestamp(packets[i]));
            }

            Assert.Equal(100, consumer.PacketsSent);
            Assert.Equal(2_000, consumer.OctetsSent);
        }

        Assert.Empty(sink.KeyframeRequests); // audio never asks for keyframes
    }

    [Fact]
    public void CreateConsumer_Video_WaitsForKeyframeWhichItRequestsThrottled()
    {
        var camera = router.CreateProducer("cam", MediaKind.Video, VideoSsrc, 96, 90_000);
        var first = router.CreateConsumer("c1", "cam", "t1");
        Assert.Equal([camera], sink.KeyframeRequests);
        Assert.True(first.NeedsKeyframe);

        Assert.Equal(0, Send(VideoSsrc, 10, 3000));
        Assert.Equal(0, Send(VideoSsrc, 11, 3000));

        clock.Advance(TimeSpan.FromMilliseconds(100));
        router.CreateConsumer("c2", "cam", "t2");
        Assert.Single(sink.KeyframeRequests);                      // throttled: pending
        Assert.Equal(TimeSpan.FromMilliseconds(400), router.PollKeyframeRequests());

        Assert.Equal(2, Send(VideoSsrc, 12, 6000, keyframe: true)); // answers both
        Assert.Equal(2, Send(VideoSsrc, 13, 6000));
        Assert.False(first.NeedsKeyframe);
        Assert.Null(router.PollKeyframeRequests());                // the keyframe cleared it
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(router.PollKeyframeRequests());
        Assert.Single(sink.KeyframeRequests);
        AssertContiguous(sink.To(first));
    }

    [Fact]
    public void PauseConsumer_GetsNothing_ThenResumesGaplessFromAKeyframe()
    {
        router.CreateProducer("cam", MediaKind.Video, VideoSsrc, 96, 90_000);
        var paused = router.CreateConsumer("a", "cam", "ta");
        var other = router.CreateConsumer("b", "cam", "tb");
        ushort seq = 1000;
        uint ts = 90_000;
        Send(VideoSsrc, seq++, ts, keyframe: true);
        for (var i = 0; i < 9; i++)
        {
            Send(VideoSsrc, seq++, ts += 3000);
        }

        var before = sink.To(paused);
        Assert.Equal(10, before.Count);
        var lastSeq = RecordingSink.Seq(before[^1]);
        var lastTs = RecordingSink.Timestamp(before[^1]);
        var lastInputTs = ts;

        Assert.True(router.PauseConsumer("a"));
        for (var i = 0; i < 50; i++)
        {
            Send(VideoSsrc, seq++, ts += 3000, keyframe: i == 25);
        }

        Assert.Equal(10, sink.To(paused).Count);
        Assert.Equal(60, sink.To(other).Count);

        clock.Advance(TimeSpan.FromSeconds(1));
        var requestsBefore = sink.KeyframeRequests.Count;
        Assert.True(router.ResumeConsumer("a"));
        Assert.Equal(requestsBefore + 1, sink.KeyframeRequests.Count);
        Send(VideoSsrc, seq++, ts += 3000);                    // not a keyframe: still waiting
        Send(VideoSsrc, seq++, ts += 3000);
        Assert.Equal(10, sink.To(paused).Count);

        var keyframeInputTs = ts += 3000;
        Send(VideoSsrc, seq++, keyframeInputTs, keyframe: true);
        Send(VideoSsrc, seq++, ts += 3000);

        var after = sink.To(paused).Skip(10).ToList();
        Assert.Equal(2, after.Count);
        Assert.Equal((ushort)(lastSeq + 1), RecordingSink.Seq(after[0])); // no gap
        AssertContiguous(after);
        // Same Producer: the timestamp offset is kept, so the pause shows as elapsed media time.
        Assert.Equal(lastTs + (keyframeInputTs - lastInputTs), RecordingSink.Timestamp(after[0]));
        AssertContiguous(sink.To(other));
    }

    [Fact]
    public void CreateConsumer_Paused_SendsNothingAndRequestsNothingUntilResumed()
    {
        router.CreateProducer("cam", MediaKind.Video, VideoSsrc, 96, 90_000);
        var consumer = router.CreateConsumer("a", "cam", "ta", paused: true);

        Send(VideoSsrc, 1, 0, keyframe: true);

        Assert.True(consumer.IsPaused);
        Assert.Empty(sink.Sent);
        Assert.Empty(sink.KeyframeRequests);
        router.ResumeConsumer("a");
        Assert.Single(sink.KeyframeRequests);
    }

    [Fact]
    public void Route_PaddingOnlyPackets_AreDroppedWithoutAGap()
    {
        router.CreateProducer("mic", MediaKind.Audio, AudioSsrc, 111, 48_000);
        var consumer = router.CreateConsumer("c", "mic", "t");

        Assert.Equal(1, Send(AudioSsrc, 1, 960));
        Assert.Equal(0, Send(AudioSsrc, 2, 960, payloadLength: 0));
        Assert.Equal(0, Send(AudioSsrc, 3, 960, payloadLength: 0));
        Assert.Equal(1, Send(AudioSsrc, 4, 1920));

        var packets = sink.To(consumer);
        Assert.Equal(2, packets.Count);
        AssertContiguous(packets);
    }

    [Fact]
    public void ReceiveRtcp_CompoundWithReportNackPliAndFir_ResendsAndForwardsKeyframeRequests()
    {
        router.CreateProducer("cam", MediaKind.Video, VideoSsrc, 96, 90_000);
        var consumer = router.CreateConsumer("c", "cam", "t");
        for (ushort i = 0; i < 5; i++)
        {
            Send(VideoSsrc, (ushort)(100 + i), 3000u * i, keyframe: i == 0);
        }

        var sent = sink.To(consumer);
        sink.Sent.Clear();
        var requests = sink.KeyframeRequests.Count;
        clock.Advance(TimeSpan.FromMilliseconds(600)); // past the 500 ms keyframe request interval, inside the 1 s buffer

        // What a browser sends: a receiver report first (RFC 3550 §6.1), then the feedback.
        var compound = RtcpCompoundWriter.Write(
            new ReceiverReport { Ssrc = 9 },
            GenericNack.FromLostSequenceNumbers(9, consumer.Ssrc, [RecordingSink.Seq(sent[1]), RecordingSink.Seq(sent[3])]),
            new PictureLossIndication { SenderSsrc = 9, MediaSsrc = consumer.Ssrc });

        Assert.Equal(2, router.ReceiveRtcp(compound));
        Assert.Equal([sent[1], sent[3]], sink.To(consumer));
        Assert.Equal(requests + 1, sink.KeyframeRequests.Count);

        clock.Advance(TimeSpan.FromMilliseconds(600));
        var fir = RtcpCompoundWriter.Write(new FullIntraRequest { SenderSsrc = 9, Entries = [new FirEntry(0xDEAD, 1), new FirEntry(consumer.Ssrc, 1)] });
        Assert.Equal(1, router.ReceiveRtcp(fir)); // the unknown SSRC names no Consumer
        Assert.Equal(requests + 2, sink.KeyframeRequests.Count);

        Assert.Equal(0, router.ReceiveRtcp([0x80, 0xC9, 0x00]));                      // truncated: ignored
        Assert.Equal(0, router.ReceiveRtcp(RtcpCompoundWriter.Write(new PictureLossIndication { SenderSsrc = 9, MediaSsrc = VideoSsrc }))); // a Producer's SSRC
    }

    [Fact]
    public void TryWriteSenderReport_PairsTheWallClockWithTheRtpTimeCarriedForward()
    {
        router.CreateProducer("mic", MediaKind.Audio, AudioSsrc, 111, 48_000);
        var consumer = router.CreateConsumer("c", "mic", "t");
        var buffer = new byte[64];
        Assert.False(router.TryWriteSenderReport(consumer, buffer, out var written)); // nothing sent: no RTP time to pair
        Assert.Equal(0, written);

        Send(AudioSsrc, 1, 960);
        Send(AudioSsrc, 2, 1920, payloadLength: 30);
        var lastSent = consumer.LastTimestamp;
        clock.Advance(TimeSpan.FromMilliseconds(20)); // 960 ticks at 48 kHz

        Assert.True(router.TryWriteSenderReport(consumer, buffer, out written));
        Assert.True(RtcpPacketParser.TryParse(buffer.AsSpan(0, written), out var parsed));
        var report = Assert.IsType<SenderReport>(parsed);
        Assert.Equal(consumer.Ssrc, report.Ssrc);
        Assert.Equal(SenderReport.ToNtpTimestamp(clock.GetUtcNow()), report.NtpTimestamp);
        Assert.Equal(unchecked(lastSent + 960u), report.RtpTimestamp);
        Assert.Equal(2u, report.PacketCount);
        Assert.Equal(50u, report.OctetCount);
        Assert.False(router.TryWriteSenderReport(consumer, buffer.AsSpan(0, 27), out _)); // 28 bytes needed

        router.CloseConsumer("c");
        Assert.False(router.TryWriteSenderReport(consumer, buffer, out _));
    }

    [Fact]
    public void ReceiveNack_SentPackets_ResentWithTheExactBytesSent()
    {
        router.CreateProducer("cam", MediaKind.Video, VideoSsrc, 96, 90_000);
        var consumer = router.CreateConsumer("c", "cam", "t");
        for (ushort i = 0; i < 10; i++)
        {
            Send(VideoSsrc, (ushort)(65_530 + i), 3000u * i, keyframe: i == 0);
        }

        var sent = sink.To(consumer);
        var lost = new[] { sent[2], sent[7], sent[5] }.Select(RecordingSink.Seq).ToArray();
        sink.Sent.Clear();

        clock.Advance(TimeSpan.FromMilliseconds(50));
        Assert.Equal(3, router.ReceiveNack(consumer.Ssrc, [.. lost, (ushort)(lost[0] - 100)]));

        Assert.Equal([sent[2], sent[7], sent[5]], sink.To(consumer));
        Assert.Equal(0, router.ReceiveNack(VideoSsrc, lost));          // a Producer's SSRC: not ours
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(0, router.ReceiveNack(consumer.Ssrc, [lost[1]])); // too old now
    }

    [Theory]
    [InlineData(null, false)]  // audio by default: Opus subscribers negotiate no NACK
    [InlineData(false, false)]
    [InlineData(true, true)]   // audio whose subscriber did negotiate nack
    public void ReceiveNack_AudioConsumer_ResendsOnlyWhenNackWasNegotiated(bool? retransmits, bool keeps)
    {
        router.CreateProducer("mic", MediaKind.Audio, AudioSsrc, 111, 48_000);
        var consumer = router.CreateConsumer("c", "mic", "t", retransmits: retransmits);
        for (ushort i = 0; i < 5; i++)
        {
            Send(AudioSsrc, i, 960u * i);
        }
        var lost = RecordingSink.Seq(sink.To(consumer)[2]);

        Assert.Equal(keeps, consumer.Retransmits);
        Assert.Equal(keeps ? 1 : 0, router.ReceiveNack(consumer.Ssrc, [lost]));
    }

    [Fact]
    public void ReceiveKeyframeRequest_TwoWithinInterval_OneUpstreamThenPendingAtIntervalEnd()
    {
        var camera = router.CreateProducer("cam", MediaKind.Video, VideoSsrc, 96, 90_000);
        var a = router.CreateConsumer("a", "cam", "ta");
        var b = router.CreateConsumer("b", "cam", "tb");
        Send(VideoSsrc, 1, 0, keyframe: true);
        clock.Advance(TimeSpan.FromSeconds(1));
        sink.KeyframeRequests.Clear();

        Assert.True(router.ReceiveKeyframeRequest(a.Ssrc));
        clock.Advance(TimeSpan.FromMilliseconds(200));
        Assert.False(router.ReceiveKeyframeRequest(b.Ssrc));
        Assert.Equal([camera], sink.KeyframeRequests);

        Assert.Equal(TimeSpan.FromMilliseconds(300), router.PollKeyframeRequests());
        clock.Advance(TimeSpan.FromMilliseconds(300));
        Assert.Null(router.PollKeyframeRequests());
        Assert.Equal([camera, camera], sink.KeyframeRequests);
        Assert.False(router.ReceiveKeyframeRequest(0xDEADBEEF));
    }

    [Fact]
    public void ReceiveKeyframeRequest_KeyframeArrivesWhilePending_NothingMoreSent()
    {
        router.CreateProducer("cam", MediaKind.Video, VideoSsrc, 96, 90_000);
        var a = router.CreateConsumer("a", "cam", "ta");
        router.ReceiveKeyframeRequest(a.Ssrc); // pending behind the creation's request

        Send(VideoSsrc, 1, 0, keyframe: true);
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Null(router.PollKeyframeRequests());
        Assert.Single(sink.KeyframeRequests);
    }

    [Fact]
    public void SwitchConsumer_NewProducer_SequenceContinuesAndTimestampAdvancesByWallTime()
    {
        router.CreateProducer("mic-1", MediaKind.Audio, AudioSsrc, 111, 48_000);
        var consumer = router.CreateConsumer("c", "mic-1", "t");
        for (ushort i = 0; i < 5; i++)
        {
            Send(AudioSsrc, (ushort)(100 + i), 5_000u + (960u * i));
        }

        var last = sink.To(consumer)[^1];

        // The publisher reconnected: new SSRC, new random sequence and timestamp bases.
        router.CreateProducer("mic-2", MediaKind.Audio, 0x55555555, 111, 48_000);
        Assert.True(router.SwitchConsumer("c", "mic-2"));
        clock.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(0, Send(AudioSsrc, 105, 9_800));       // the old Producer no longer reaches it
        Assert.Equal(1, Send(0x55555555, 40_000, 3_000_000_000));
        Assert.Equal(1, Send(0x55555555, 40_001, 3_000_000_960));

        var after = sink.To(consumer).Skip(5).ToList();
        Assert.Equal((ushort)(RecordingSink.Seq(last) + 1), RecordingSink.Seq(after[0]));
        Assert.Equal(RecordingSink.Timestamp(last) + 4_800u, RecordingSink.Timestamp(after[0])); // 100 ms at 48 kHz
        Assert.Equal(RecordingSink.Timestamp(after[0]) + 960u, RecordingSink.Timestamp(after[1]));
        Assert.All(after, p => Assert.Equal(consumer.Ssrc, RecordingSink.Ssrc(p)));
        Assert.Equal("mic-2", consumer.Producer.Id);
    }

    [Fact]
    public void SwitchConsumer_DifferentKind_Throws()
    {
        router.CreateProducer("mic", MediaKind.Audio, AudioSsrc, 111, 48_000);
        router.CreateProducer("cam", MediaKind.Video, VideoSsrc, 96, 90_000);
        router.CreateConsumer("c", "mic", "t");

        Assert.Throws<ArgumentException>(() => router.SwitchConsumer("c", "cam"));
        Assert.False(router.SwitchConsumer("c", "nope"));
    }

    [Fact]
    public void CloseProducer_ClosesItsConsumersAndFreesTheirSsrcs()
    {
        var mic = router.CreateProducer("mic", MediaKind.Audio, AudioSsrc, 111, 48_000);
        var a = router.CreateConsumer("a", "mic", "ta");
        var b = router.CreateConsumer("b", "mic", "tb");

        var closed = router.CloseProducer("mic");

        Assert.Equal([a, b], closed);
        Assert.True(mic.IsClosed && a.IsClosed && b.IsClosed);
        Assert.False(router.TryGetConsumer("a", out _));
        Assert.Equal(0, Send(AudioSsrc, 1, 0));
        Assert.Equal(0, router.ReceiveNack(a.Ssrc, [1]));
        Assert.Empty(router.CloseProducer("mic"));
        router.CreateProducer("mic", MediaKind.Audio, AudioSsrc, 111, 48_000); // id and SSRC reusable
    }

    [Fact]
    public void CloseConsumer_OthersKeepReceiving()
    {
        router.CreateProducer("mic", MediaKind.Audio, AudioSsrc, 111, 48_000);
        var a = router.CreateConsumer("a", "mic", "ta");
        var b = router.CreateConsumer("b", "mic", "tb");

        Assert.True(router.CloseConsumer("a"));
        Assert.Equal(1, Send(AudioSsrc, 1, 0));

        Assert.Empty(sink.To(a));
        Assert.Single(sink.To(b));
        Assert.Equal([b], router.GetConsumers("mic"));
        Assert.False(router.CloseConsumer("a"));
    }

    [Fact]
    public void Route_UnknownSsrcOrShortPacket_SendsNothing()
    {
        router.CreateProducer("mic", MediaKind.Audio, AudioSsrc, 111, 48_000);
        router.CreateConsumer("c", "mic", "t");

        Assert.Equal(0, Send(0x01020304, 1, 0));
        Assert.Equal(0, router.Route(new RtpPacketInfo(AudioSsrc, 1, 0, false, false, 20), new byte[11]));
        Assert.Empty(sink.Sent);
    }

    [Fact]
    public void Route_AudioLevels_DriveActiveSpeakers()
    {
        router.CreateProducer("mic", MediaKind.Audio, AudioSsrc, 111, 48_000);
        ActiveSpeakerUpdate? update = null;
        for (ushort i = 0; i < 20; i++)
        {
            Send(AudioSsrc, i, 960u * i, audioLevel: 25);
            clock.Advance(TimeSpan.FromMilliseconds(20));
            update = i % 5 == 0 ? router.EvaluateActiveSpeakers() ?? update : update;
        }

        Assert.NotNull(update);
        Assert.Equal(["mic"], update.Speaking);
        Assert.Equal("mic", update.Dominant);
        router.CloseProducer("mic");
        var gone = router.EvaluateActiveSpeakers();
        Assert.NotNull(gone);
        Assert.Empty(gone.Speaking);
        Assert.Null(gone.Dominant);
    }

    [Fact]
    public void CreateProducer_DuplicateIdOrSsrc_Throws()
    {
        router.CreateProducer("mic", MediaKind.Audio, AudioSsrc, 111, 48_000);

        Assert.Throws<ArgumentException>(() => router.CreateProducer("mic", MediaKind.Audio, 1, 111, 48_000));
        Assert.Throws<ArgumentException>(() => router.CreateProducer("mic2", MediaKind.Audio, AudioSsrc, 111, 48_000));
        Assert.Throws<ArgumentException>(() => router.CreateConsumer("c", "nope", "t"));
        Assert.Throws<ArgumentOutOfRangeException>(() => router.CreateProducer("x", MediaKind.Audio, 2, 128, 48_000));
    }

    [Fact]
    public void Route_FromManyThreads_EachConsumerStillContiguous()
    {
        // One lock per Router: concurrent producers must not interleave within a consumer's state.
        var ssrcs = new uint[] { 0x100, 0x200, 0x300, 0x400 };
        var consumers = ssrcs.Select((ssrc, i) =>
        {
            router.CreateProducer($"p{i}", MediaKind.Audio, ssrc, 111, 48_000);
            return router.CreateConsumer($"c{i}", $"p{i}", "t");
        }).ToArray();

        Parallel.For(0, ssrcs.Length, i =>
        {
            for (var n = 0; n < 2_000; n++)
            {
                var seq = (ushort)(60_000 + n);
                router.Route(new RtpPacketInfo(ssrcs[i], seq, (uint)n * 960, false, false, 20), Rtp(ssrcs[i], seq, 0));
            }
        });

        foreach (var consumer in consumers)
        {
            var packets = sink.To(consumer);
            Assert.Equal(2_000, packets.Count);
            AssertContiguous(packets);
        }
    }
}
