using Meurs.Media.Rtcp;
using Meurs.Media.Rtp;
using Meurs.Media.Transport;

namespace Meurs.Media.Routing;

/// <summary>
/// The packet side of a <see cref="Peer"/>: RTP and RTCP from its transports, and the RTCP it sends on its session's tick
/// (mediasoup's Transport::SendRtcp, LiveKit's Buffer and DownTrack). Each received RTP packet is parsed once: its
/// transport-wide sequence number (congestion feedback), its SSRC (the Producer), reception statistics, audio level
/// and keyframe, then it is routed. The Peer tells it which Producers and Consumers are its own.
/// </summary>
internal sealed class PeerPackets
{
    // RFC 4585 §6.1 only needs the SFU's SSRC in feedback to be its own; it sends no stream of its own to a publisher.
    private const uint FeedbackSenderSsrc = 1;

    private readonly MediaSession session;
    private readonly Peer peer;
    private readonly TransportWideCcRecorder arrivals = new();
    private readonly long origin;
    private volatile IReadOnlyDictionary<uint, Incoming> producersBySsrc = new Dictionary<uint, Incoming>();
    private volatile IReadOnlyDictionary<uint, SubscribedTrack> consumersBySsrc = new Dictionary<uint, SubscribedTrack>();
    private volatile byte transportCcId;

    public PeerPackets(MediaSession session, Peer peer)
    {
        this.session = session;
        this.peer = peer;
        origin = session.Time.GetTimestamp();
    }

    // The header extension id of the publisher's transport-wide sequence numbers, or null when not negotiated.
    public byte? TransportCcExtensionId
    {
        get => transportCcId == 0 ? null : transportCcId;
        set => transportCcId = value ?? 0;
    }

    public void SetProducers(IEnumerable<PublishedTrack> tracks) =>
        producersBySsrc = tracks.ToDictionary(t => t.Producer.Ssrc, t => new Incoming(t, new ReceptionStatistics(t.Producer.Ssrc, t.Producer.ClockRate)));

    public void SetConsumers(IEnumerable<SubscribedTrack> sections) =>
        consumersBySsrc = sections.ToDictionary(s => s.Consumer.Ssrc);

    // The receive thread: each packet is parsed once, for congestion feedback, reception statistics and routing.
    internal void OnPublisherRtp(WebRtcTransport transport, ReadOnlySpan<byte> packet)
    {
        if (!RtpPacket.TryParse(packet, out var rtp))
        {
            return;
        }
        var now = session.Time.GetElapsedTime(origin);
        if (transportCcId is var ccId and not 0 && rtp.TryGetExtension(ccId, out var sequence)
            && TransportSequenceNumberExtension.TryRead(sequence, out var transportSequence))
        {
            arrivals.Record(transportSequence, now);
        }
        if (!producersBySsrc.TryGetValue(rtp.Ssrc, out var incoming))
        {
            return; // an SSRC this publisher never announced: not routed
        }
        incoming.Reception.OnPacket(rtp.SequenceNumber, rtp.Timestamp, now);
        var track = incoming.Track;
        int? level = null;
        if (track.AudioLevelId is { } id && rtp.TryGetExtension(id, out var data) && AudioLevelExtension.TryRead(data, out _, out var dbov))
        {
            level = dbov;
        }
        var keyframe = track.VideoCodec is { } codec && KeyframeDetector.IsKeyframe(codec, rtp.Payload);
        session.Router.Route(new RtpPacketInfo(rtp.Ssrc, rtp.SequenceNumber, rtp.Timestamp, rtp.Marker, keyframe, rtp.Payload.Length, level), packet);
    }

    // The publisher's Sender Reports give the LSR and DLSR of our Receiver Reports (RFC 3550 §6.4.1).
    internal void OnPublisherRtcp(WebRtcTransport transport, ReadOnlySpan<byte> compound)
    {
        foreach (var packet in new RtcpCompoundReader(compound))
        {
            if (RtcpPacketParser.TryParse(packet.Data, out var parsed) && parsed is SenderReport report
                && producersBySsrc.TryGetValue(report.Ssrc, out var incoming))
            {
                incoming.Reception.OnSenderReport(report.NtpTimestamp, session.Time.GetElapsedTime(origin));
            }
        }
    }

    // Feedback from the subscriber, about its own Consumers only (mediasoup's mapSsrcConsumer): a generic NACK is
    // answered from the Consumer's retransmission buffer (RFC 4585 §6.2.1), a PLI (§6.3.1) or FIR entry (RFC 5104
    // §4.3.1) goes upstream through the Producer's throttle. Reports, SDES and BYE end here: the SFU is the
    // subscriber's RTP peer (RFC 3550 §6).
    internal void OnSubscriberRtcp(WebRtcTransport transport, ReadOnlySpan<byte> compound)
    {
        var mine = consumersBySsrc;
        foreach (var packet in new RtcpCompoundReader(compound))
        {
            if (!RtcpPacketParser.TryParse(packet.Data, out var parsed))
            {
                continue;
            }
            switch (parsed)
            {
                case GenericNack nack when mine.ContainsKey(nack.MediaSsrc):
                    session.Router.ReceiveNack(nack.MediaSsrc, nack.GetLostSequenceNumbers());
                    break;
                case PictureLossIndication pli when mine.ContainsKey(pli.MediaSsrc):
                    session.Router.ReceiveKeyframeRequest(pli.MediaSsrc);
                    break;
                case FullIntraRequest fir:
                    foreach (var entry in fir.Entries.Where(e => mine.ContainsKey(e.Ssrc)))
                    {
                        session.Router.ReceiveKeyframeRequest(entry.Ssrc);
                    }
                    break;
            }
        }
    }

    // The session's tick (every Peer.FeedbackInterval): congestion feedback each time, reports when they are due.
    internal void OnTick(bool reportsDue)
    {
        if (peer.IsClosed)
        {
            return;
        }
        try
        {
            if (peer.PublishTransport is { State: WebRtcTransportState.Connected } publish && transportCcId != 0)
            {
                SendTransportFeedback(publish);
            }
            if (reportsDue)
            {
                SendReports();
            }
        }
        catch (ObjectDisposedException)
        {
            // Closed meanwhile: the next tick skips it.
        }
    }

    // draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1: what arrived since the last feedback, in as many
    // packets as it takes; the media source field is unused by receivers, so any of the publisher's SSRCs does.
    private void SendTransportFeedback(WebRtcTransport transport)
    {
        var mediaSsrc = producersBySsrc.Keys.FirstOrDefault();
        Span<byte> buffer = stackalloc byte[WebRtcTransport.MaxDatagramLength];
        while (arrivals.BuildFeedback(FeedbackSenderSsrc, mediaSsrc) is { } feedback)
        {
            if (feedback.TryWrite(buffer, out var written))
            {
                transport.SendRtcp(buffer[..written]);
            }
        }
    }

    // RFC 3550 §6.4: a Sender Report per Consumer that has sent something (its NTP↔RTP pairing lets the browser
    // play one person's audio and video in sync), and a Receiver Report about the publisher's streams.
    private void SendReports()
    {
        Span<byte> buffer = stackalloc byte[WebRtcTransport.MaxDatagramLength];
        if (peer.SubscribeTransport is { State: WebRtcTransportState.Connected } subscribe)
        {
            foreach (var section in consumersBySsrc.Values)
            {
                if (session.Router.TryWriteSenderReport(section.Consumer, buffer, out var written))
                {
                    subscribe.SendRtcp(buffer[..written]);
                }
            }
        }
        if (peer.PublishTransport is { State: WebRtcTransportState.Connected } publish)
        {
            var now = session.Time.GetElapsedTime(origin);
            var blocks = new List<ReceptionReport>();
            foreach (var incoming in producersBySsrc.Values)
            {
                if (incoming.Reception.TryReport(now, out var block) && blocks.Count < ReceiverReport.MaxReports)
                {
                    blocks.Add(block);
                }
            }
            if (blocks.Count > 0 && new ReceiverReport { Ssrc = FeedbackSenderSsrc, Reports = blocks }.TryWrite(buffer, out var length))
            {
                publish.SendRtcp(buffer[..length]);
            }
        }
    }

    private sealed record Incoming(PublishedTrack Track, ReceptionStatistics Reception);
}
