using Meurs.Media.Routing;
using Meurs.Media.Rtcp;
using Meurs.Media.Rtp;
using Meurs.Media.Sdp;

namespace Meurs.Tests.Media.Routing;

/// <summary>
/// The RTCP a <see cref="Peer"/> handles itself, end to end over real ICE, DTLS and SRTP on 127.0.0.1, with the
/// session's timers on a fake clock: nothing periodic is sent until a test advances it, so each test knows exactly
/// which timer ticks happened. Ann publishes a microphone and a camera; Ben receives both.
/// </summary>
public sealed class PeerRtcpTests
{
    [Fact]
    public async Task ReportInterval_SendsASenderReportPerConsumer_WithWhatItSent()
    {
        await using var call = new MediaSessionHarness();
        var (ann, ben) = await TwoInACallAsync(call);
        var audio = ben.SectionOf(ann, "mic").Consumer;
        var video = ben.SectionOf(ann, "camera").Consumer;
        ann.SendAudio();
        ann.SendVideo();
        ann.SendVideo();
        await MediaSessionHarness.UntilAsync(() => audio.PacketsSent == 1 && video.PacketsSent == 2, "ben receives ann's media");

        call.Time.Advance(Peer.ReportInterval);

        var reports = new Dictionary<uint, SenderReport>();
        while (reports.Count < 2)
        {
            ben.Subscriber.ReceiveRtcp(compound =>
            {
                foreach (var report in MediaSessionHarness.Parse(compound).OfType<SenderReport>())
                {
                    reports[report.Ssrc] = report;
                }
                return true;
            });
        }
        Assert.Equal(new[] { audio.Ssrc, video.Ssrc }.Order(), reports.Keys.Order());
        Assert.Equal(1u, reports[audio.Ssrc].PacketCount);
        Assert.Equal(2u, reports[video.Ssrc].PacketCount);
        Assert.Equal(SenderReport.ToNtpTimestamp(call.Time.GetUtcNow()) >> 32, reports[video.Ssrc].NtpTimestamp >> 32);
    }

    [Fact]
    public async Task FeedbackInterval_SendsTransportWideFeedbackToThePublisher_WithTheLostPacket()
    {
        await using var call = new MediaSessionHarness();
        var (ann, ben) = await TwoInACallAsync(call);
        var video = ben.SectionOf(ann, "camera").Consumer;
        ann.SendVideo();                 // transport-wide 0
        ann.SendVideo();                 // 1
        ann.LoseTransportSequenceNumber(); // 2 never arrives
        ann.SendVideo();                 // 3
        await MediaSessionHarness.UntilAsync(() => video.PacketsSent == 3, "ben receives ann's camera");

        call.Time.Advance(Peer.FeedbackInterval);

        var feedback = MediaSessionHarness.Parse(ann.Publisher.ReceiveRtcp(c => MediaSessionHarness.Parse(c).OfType<TransportWideCcFeedback>().Any()))
            .OfType<TransportWideCcFeedback>().Single();
        Assert.Equal((ushort)0, feedback.BaseSequenceNumber);
        Assert.Equal([(0, true), (1, true), (2, false), (3, true)], feedback.Packets.Select(p => ((int)p.SequenceNumber, p.Received)));
    }

    [Fact]
    public async Task ReportInterval_SendsTheReceiverReportOfThePublishersStreams()
    {
        await using var call = new MediaSessionHarness();
        var (ann, ben) = await TwoInACallAsync(call);
        var audio = ben.SectionOf(ann, "mic").Consumer;
        ann.SendAudio();      // 1
        ann.SendAudio();      // 2
        ann.LoseAudioPacket(); // 3 lost
        ann.SendAudio();      // 4
        await MediaSessionHarness.UntilAsync(() => audio.PacketsSent == 3, "ben receives ann's microphone");

        call.Time.Advance(Peer.ReportInterval);

        var report = MediaSessionHarness.Parse(ann.Publisher.ReceiveRtcp(c => MediaSessionHarness.Parse(c).OfType<ReceiverReport>().Any()))
            .OfType<ReceiverReport>().Single();
        var mic = Assert.Single(report.Reports, r => r.Ssrc == ann.MicSsrc);
        Assert.Equal(4u, mic.ExtendedHighestSequenceNumber);
        Assert.Equal(1, mic.CumulativeLost);
        Assert.Equal(64, mic.FractionLost); // 1 of 4 expected, in 256ths
        Assert.DoesNotContain(report.Reports, r => r.Ssrc == ann.CameraSsrc); // nothing received on it yet
    }

    [Fact]
    public async Task Nack_ResendsFromTheVideoConsumersBuffer_AudioWithoutNackHasNone()
    {
        await using var call = new MediaSessionHarness();
        var (ann, ben) = await TwoInACallAsync(call);
        var audio = ben.SectionOf(ann, "mic").Consumer;
        var video = ben.SectionOf(ann, "camera").Consumer;
        ann.SendAudio();
        ann.SendVideo();
        await MediaSessionHarness.UntilAsync(() => audio.PacketsSent == 1 && video.PacketsSent == 1, "ben receives ann's media");
        var received = new Dictionary<uint, ushort>();
        while (received.Count < 2)
        {
            Assert.True(RtpPacket.TryParse(ben.Subscriber.ReceiveRtp(), out var rtp));
            received[rtp.Ssrc] = rtp.SequenceNumber;
        }
        var transport = ben.Peer.SubscribeTransport!;
        var sent = transport.Stats.PacketsSent;

        // Both lost, as Ben says; the audio NACK comes first in the compound packet, so once the video's packet is
        // resent the audio's would have been too.
        ben.SendRtcp(
            GenericNack.FromLostSequenceNumbers(7, audio.Ssrc, [received[audio.Ssrc]]),
            GenericNack.FromLostSequenceNumbers(7, video.Ssrc, [received[video.Ssrc]]));
        await MediaSessionHarness.UntilAsync(() => transport.Stats.PacketsSent > sent, "the video packet is resent");

        Assert.Equal(sent + 1, transport.Stats.PacketsSent);
        Assert.True(video.Retransmits);
        Assert.False(audio.Retransmits);
    }

    [Fact]
    public async Task Nack_AboutAnotherPeersConsumer_IsIgnored()
    {
        // Ben and Cat both receive Ann's camera; Cat names Ben's Consumer, then her own, in one compound packet.
        await using var call = new MediaSessionHarness();
        var (ann, ben) = await TwoInACallAsync(call);
        var cat = call.Join("cat");
        cat.Peer.Subscribe(ann.Peer.Published);
        cat.AnswerOffer();
        var bens = ben.SectionOf(ann, "camera").Consumer;
        var cats = cat.SectionOf(ann, "camera").Consumer;
        await MediaSessionHarness.UntilAsync(() => !cats.IsPaused, "cat's consumer is resumed");
        ann.SendVideo();
        await MediaSessionHarness.UntilAsync(() => bens.PacketsSent == 1 && cats.PacketsSent == 1, "both receive ann's camera");
        Assert.True(RtpPacket.TryParse(ben.Subscriber.ReceiveRtp(), out var toBen));
        Assert.True(RtpPacket.TryParse(cat.Subscriber.ReceiveRtp(), out var toCat));
        var bensTransport = ben.Peer.SubscribeTransport!;
        var catsTransport = cat.Peer.SubscribeTransport!;
        var (bensSent, catsSent) = (bensTransport.Stats.PacketsSent, catsTransport.Stats.PacketsSent);

        cat.SendRtcp(
            GenericNack.FromLostSequenceNumbers(7, bens.Ssrc, [toBen.SequenceNumber]),
            GenericNack.FromLostSequenceNumbers(7, cats.Ssrc, [toCat.SequenceNumber]));
        await MediaSessionHarness.UntilAsync(() => catsTransport.Stats.PacketsSent > catsSent, "cat's packet is resent");

        Assert.Equal(bensSent, bensTransport.Stats.PacketsSent);
    }

    [Fact]
    public async Task SubscribeOffer_NegotiatesNackForVideoOnly_AndTheConsumersFollowIt()
    {
        await using var call = new MediaSessionHarness();
        var ann = call.Join("ann");
        var ben = call.Join("ben");
        ann.Publish();
        ben.Peer.Subscribe(ann.Peer.Published);

        var offer = ben.AnswerOffer();

        Assert.True(SessionDescription.TryParse(offer.Sdp, out var sdp, out var error), error);
        var audio = sdp!.MediaDescriptions.Single(m => m.Kind == "audio");
        var video = sdp.MediaDescriptions.Single(m => m.Kind == "video");
        Assert.DoesNotContain(audio.Attributes, a => a.Name == "rtcp-fb");
        Assert.Contains(video.Attributes, a => a.Name == "rtcp-fb" && a.Value!.EndsWith(" nack", StringComparison.Ordinal));
        Assert.False(ben.SectionOf(ann, "mic").Consumer.Retransmits);
        Assert.True(ben.SectionOf(ann, "camera").Consumer.Retransmits);
    }

    [Fact]
    public async Task ActiveSpeakers_RaisedForTheLoudPublisher_NotForSilence()
    {
        await using var call = new MediaSessionHarness();
        var (ann, ben) = await TwoInACallAsync(call);
        var audio = ben.SectionOf(ann, "mic").Consumer;
        var changes = new List<IReadOnlyList<Peer>>();
        call.Session.ActiveSpeakersChanged += (_, speakers) => changes.Add(speakers);

        // One packet per 100 ms tick: a second of silence (127 −dBov), then of speech (20 −dBov).
        await TalkAsync(127);
        Assert.Empty(changes);
        await TalkAsync(20);

        Assert.Equal([ann.Peer], Assert.Single(changes));

        async Task TalkAsync(byte level)
        {
            for (var i = 0; i < 10; i++)
            {
                var before = audio.PacketsSent;
                ann.SendAudio(level);
                await MediaSessionHarness.UntilAsync(() => audio.PacketsSent == before + 1, "ben receives ann's microphone");
                call.Time.Advance(MediaSession.TickInterval);
            }
        }
    }

    // Ann publishes; Ben receives her microphone and camera over a connected subscribe transport, both resumed.
    private static async Task<(MediaClient Ann, MediaClient Ben)> TwoInACallAsync(MediaSessionHarness call)
    {
        var ann = call.Join("ann");
        var ben = call.Join("ben");
        ann.Publish();
        ben.Peer.Subscribe(ann.Peer.Published);
        ben.AnswerOffer();
        var audio = ben.SectionOf(ann, "mic").Consumer;
        var video = ben.SectionOf(ann, "camera").Consumer;
        await MediaSessionHarness.UntilAsync(() => !audio.IsPaused && !video.IsPaused, "ben's consumers are resumed");
        return (ann, ben);
    }
}
