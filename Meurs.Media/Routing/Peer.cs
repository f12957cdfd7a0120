using System.Diagnostics.CodeAnalysis;
using Meurs.Media.Ice;
using Meurs.Media.Rtp;
using Meurs.Media.Sdp;
using Meurs.Media.Transport;

namespace Meurs.Media.Routing;

/// <summary>
/// Peer is one participant of a <see cref="MediaSession"/> with two WebRTC transports, which avoids glare (JSEP,
/// RFC 8829 §4.1.8): on the publish transport the client offers its tracks and each accepted one becomes a Producer;
/// on the subscribe transport the SFU offers the Consumers of other peers' tracks, one m-section each, and one offer
/// is out at a time. The peer handles its transports' RTCP itself (mediasoup's Transport, LiveKit's
/// DownTrack/Buffer): it parses each received RTP packet once (SSRC to Producer, transport-wide sequence number,
/// audio level, keyframe), answers NACK, PLI and FIR for its own Consumers, and on its session's tick sends transport-wide
/// congestion feedback to the publisher every 100 ms and, every second, a Sender Report per Consumer and a Receiver
/// Report for the publisher's streams.
/// </summary>
/// <remarks>
/// Signalling methods take the session's lock; see <see cref="MediaSession"/> for threading and events.
/// </remarks>
public sealed class Peer
{
    /// <summary>How often transport-wide congestion feedback is sent to the publisher (libwebrtc's GoogCC wants ~100 ms).</summary>
    public static readonly TimeSpan FeedbackInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>How often Sender and Receiver Reports are sent (RFC 3550 §6.2 allows this much for a few streams).</summary>
    public static readonly TimeSpan ReportInterval = TimeSpan.FromSeconds(1);


    private readonly MediaSession session;
    private readonly PeerPackets packets;
    private readonly List<PublishedTrack> published = [];
    private readonly List<SubscribedTrack> subscribed = [];
    private readonly string subscribeUfrag = IceCredentials.GenerateUfrag();
    private readonly string subscribePassword = IceCredentials.GeneratePassword();
    private readonly ulong sdpSessionId = SdpAnswerBuilder.NewSessionId();
    private ulong offerVersion;
    private ulong answeredVersion;
    private int nextMid;
    private bool dirty;

    internal Peer(MediaSession session, string id, string cname, int reportPhase)
    {
        this.session = session;
        ReportPhase = reportPhase;
        Id = SdpText.RequireToken(id, nameof(id));
        Cname = SdpText.RequireToken(cname, nameof(cname));
        packets = new PeerPackets(session, this);
    }

    // Which of the session's ticks in each report interval carries this peer's reports: peers take turns, so a
    // session's reports are spread over the second instead of all going out on one tick.
    internal int ReportPhase { get; }

    internal PeerPackets Packets => packets;

    /// <summary>Id is the peer's id in its session.</summary>
    public string Id { get; }

    /// <summary>Cname is the participant's RTCP CNAME (RFC 3550 §6.5.1).</summary>
    public string Cname { get; }

    /// <summary>PublishTransport is the transport the client sends on, once its publish offer was answered.</summary>
    public WebRtcTransport? PublishTransport { get; private set; }

    /// <summary>SubscribeTransport is the transport the client receives on, once it answered the first subscribe offer.</summary>
    public WebRtcTransport? SubscribeTransport { get; private set; }

    /// <summary>AwaitingAnswer is true while a subscribe offer is out and its answer has not come back.</summary>
    public bool AwaitingAnswer { get; private set; }

    /// <summary>IsClosed is true once <see cref="Close"/> ran.</summary>
    public bool IsClosed { get; private set; }

    /// <summary>
    /// SubscribeOffered is raised with each new subscribe offer: its SDP, and the live sections in m-line order
    /// (stopped ones are in the SDP only, at port 0). Answer it with <see cref="TryAnswerSubscribe"/>.
    /// </summary>
    public event Action<Peer, SubscribeOffer>? SubscribeOffered;

    /// <summary>
    /// TransportStateChanged is raised when the publish or subscribe transport changes state (on the media server's
    /// thread, outside the lock); <see cref="WebRtcTransport.FailureReason"/> says why one failed.
    /// </summary>
    public event Action<Peer, WebRtcTransport, WebRtcTransportState>? TransportStateChanged;

    /// <summary>A snapshot of the tracks this peer publishes.</summary>
    public IReadOnlyList<PublishedTrack> Published
    {
        get
        {
            lock (session.Gate)
            {
                return [.. published];
            }
        }
    }

    /// <summary>A snapshot of the sections of the subscribe connection, in m-line order, stopped ones included.</summary>
    public IReadOnlyList<SubscribedTrack> Subscriptions
    {
        get
        {
            lock (session.Gate)
            {
                return [.. subscribed];
            }
        }
    }

    /// <summary>
    /// TryPublish answers the client's publish offer (JSEP; codecs and header extensions of
    /// <see cref="SdpServerCapabilities.Sfu"/>): it creates the publish transport and a Producer for each accepted
    /// sendonly section with an SSRC, up to <paramref name="maxTracks"/>, then raises
    /// <see cref="MediaSession.TracksPublished"/>. The SSRC that names a Producer is the first of an FID group (the
    /// rest would be RTX, which is not negotiated), else the first listed (RFC 5576).
    /// </summary>
    /// <param name="offerSdp">The offer's SDP text.</param>
    /// <param name="labelOf">The label of the track in a section, given its mid and kind.</param>
    /// <param name="maxTracks">Most Producers to create; further sections are answered but not routed.</param>
    /// <param name="answer">The answer and the new tracks, when true.</param>
    /// <param name="error">A sentence saying why the offer was refused, when false; nothing changed then.</param>
    /// <returns>False when the offer cannot be read or answered.</returns>
    /// <exception cref="InvalidOperationException">This peer already publishes, or is closed.</exception>
    public bool TryPublish(string offerSdp, Func<string, MediaKind, string> labelOf, int maxTracks,
        [NotNullWhen(true)] out PublishAnswer? answer, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(labelOf);
        answer = null;
        lock (session.Gate)
        {
            if (IsClosed || PublishTransport is not null)
            {
                throw new InvalidOperationException(IsClosed ? "The peer is closed." : "The peer already publishes.");
            }
            if (!SessionDescription.TryParse(offerSdp, out var offer, out error)
                || !SdpRemoteParameters.TryExtract(offer, out var remote, out error))
            {
                error = "The offer could not be read: " + error;
                return false;
            }
            var transport = session.Server.CreateTransport($"{Id}-pub", remote.IceUfrag, remote.IcePwd, remote.Fingerprint);
            var local = SdpLocalTransport.WithHostCandidates(transport.LocalUfrag, transport.LocalPassword,
                transport.LocalFingerprint, [transport.CandidateEndPoint]);
            if (!new SdpAnswerBuilder(SdpServerCapabilities.Sfu, local).TryBuild(offer, out var built, out error))
            {
                transport.Dispose();
                error = "The offer cannot be answered: " + error;
                return false;
            }
            packets.TransportCcExtensionId = built.MediaDescriptions.SelectMany(m => m.Extmaps)
                .FirstOrDefault(e => e.Uri == SdpHeaderExtensionCapability.TransportWideCcUri)?.Id is { } twcc and > 0 and < 255 ? (byte)twcc : null;
            PublishTransport = transport;
            session.AddTransport(transport);
            transport.RtpReceived += packets.OnPublisherRtp;
            transport.RtcpReceived += packets.OnPublisherRtcp;
            transport.StateChanged += OnTransportState;
            var added = new List<PublishedTrack>();
            var unrouted = new List<string>();
            foreach (var section in built.MediaDescriptions.Where(m => !m.IsRejected && m.IsRtp && m.Mid is not null).Take(maxTracks))
            {
                if (CreateProducer(section, remote.FindByMid(section.Mid!), labelOf) is { } track)
                {
                    added.Add(track);
                }
                else
                {
                    unrouted.Add(section.Mid!);
                }
            }
            published.AddRange(added);
            packets.SetProducers(published);
            answer = new PublishAnswer(built.ToString(), added, unrouted);
            session.OnPublished(this, added);
            return true;
        }
    }

    /// <summary>
    /// Subscribe gives this peer a Consumer of each of <paramref name="tracks"/> (its own, closed ones and ones it
    /// already receives are skipped), each in an m-section of the next subscribe offer, which goes out now or, while
    /// an offer is out, after its answer. A new section takes the place of one stopped in an answered offer (RFC 8829
    /// §5.2.2: such an m-section may be recycled), under a new mid, so coming and going does not grow the offer
    /// without end; the first section, the BUNDLE tag, is never recycled. Consumers start paused and send once the
    /// subscribe transport is connected and an answer covering their section came back, unless
    /// <see cref="Pause"/>d. Retransmission is negotiated for video only (generic NACK, RFC 4585 §4.2): an audio
    /// Consumer keeps no retransmission buffer.
    /// </summary>
    /// <param name="tracks">Tracks of other peers.</param>
    /// <returns>The new sections.</returns>
    public IReadOnlyList<SubscribedTrack> Subscribe(IEnumerable<PublishedTrack> tracks)
    {
        ArgumentNullException.ThrowIfNull(tracks);
        lock (session.Gate)
        {
            if (IsClosed)
            {
                return [];
            }
            var added = new List<SubscribedTrack>();
            foreach (var track in tracks)
            {
                if (track.Owner == this || track.Producer.IsClosed || subscribed.Any(s => !s.Stopped && s.Track == track))
                {
                    continue;
                }
                var mid = (nextMid++).ToString(System.Globalization.CultureInfo.InvariantCulture);
                var consumer = session.Router.CreateConsumer($"{Id}:{mid}", track.Producer.Id, $"{Id}-sub", paused: true,
                    retransmits: Negotiates(FeedbackFor(track.Kind), "nack"));
                var section = new SubscribedTrack(mid, consumer, track) { OfferedIn = offerVersion + 1 };
                var recycled = subscribed.Count > 1 ? subscribed.FindIndex(1, s => s.Recyclable) : -1;
                if (recycled > 0)
                {
                    subscribed[recycled] = section;
                }
                else
                {
                    subscribed.Add(section);
                }
                added.Add(section);
            }
            if (added.Count > 0)
            {
                IndexConsumers();
                Renegotiate();
            }
            return added;
        }
    }

    /// <summary>
    /// TryAnswerSubscribe applies the client's answer to the last subscribe offer: the first answer creates the
    /// subscribe transport (with the ICE credentials every offer carried); sections the offer stopped become
    /// recyclable; Consumers whose sections are now negotiated may send; a change held back meanwhile is offered now.
    /// </summary>
    /// <param name="answerSdp">The answer's SDP text.</param>
    /// <param name="error">A sentence saying why it was refused, when false; nothing changed then.</param>
    /// <returns>False when no offer is out (see <see cref="AwaitingAnswer"/>) or the answer cannot be read.</returns>
    public bool TryAnswerSubscribe(string answerSdp, [NotNullWhen(false)] out string? error)
    {
        lock (session.Gate)
        {
            if (!AwaitingAnswer)
            {
                error = "No subscribe offer is waiting for an answer.";
                return false;
            }
            if (!SessionDescription.TryParse(answerSdp, out var answer, out error)
                || !SdpRemoteParameters.TryExtract(answer, out var remote, out error))
            {
                error = "The answer could not be read: " + error;
                return false;
            }
            AwaitingAnswer = false;
            answeredVersion = offerVersion;
            foreach (var section in subscribed.Where(s => s.Stopped && s.StoppedInOffer <= answeredVersion))
            {
                section.Recyclable = true;
            }
            if (SubscribeTransport is null)
            {
                var transport = session.Server.CreateTransport($"{Id}-sub", remote.IceUfrag, remote.IcePwd,
                    remote.Fingerprint, subscribeUfrag, subscribePassword);
                SubscribeTransport = transport;
                session.AddTransport(transport);
                transport.RtcpReceived += packets.OnSubscriberRtcp;
                transport.StateChanged += OnTransportState;
            }
            ApplyPauses();
            if (dirty)
            {
                Renegotiate();
            }
            error = null;
            return true;
        }
    }

    /// <summary>
    /// Pause stops sending <paramref name="section"/> to this peer (a muted microphone, a camera turned off, a
    /// deafened listener): its Consumer sends nothing, the section stays in offers, and on <see cref="Resume"/> the
    /// stream continues without a sequence gap (a video one from a keyframe, which is requested).
    /// </summary>
    /// <param name="section">One of this peer's <see cref="Subscriptions"/>.</param>
    public void Pause(SubscribedTrack section) => SetPaused(section, paused: true);

    /// <summary>Resume undoes <see cref="Pause"/>; see there.</summary>
    /// <param name="section">One of this peer's <see cref="Subscriptions"/>.</param>
    public void Resume(SubscribedTrack section) => SetPaused(section, paused: false);

    /// <summary>
    /// Close takes the peer out of its session: its Producers close (every subscription to them is stopped and
    /// offered as such; <see cref="MediaSession.TracksClosed"/> is raised), its Consumers close, its transports close
    /// and the session's tick stops sending its RTCP. Idempotent.
    /// </summary>
    public void Close()
    {
        lock (session.Gate)
        {
            if (IsClosed)
            {
                return;
            }
            IsClosed = true;
            foreach (var section in subscribed.Where(s => !s.Stopped))
            {
                session.Router.CloseConsumer(section.Consumer.Id);
            }
            WebRtcTransport[] transports = [.. new[] { PublishTransport, SubscribeTransport }.OfType<WebRtcTransport>()];
            session.OnClosed(this, [.. published], transports);
            foreach (var transport in transports)
            {
                transport.Dispose();
            }
        }
    }

    // Under the gate: the owner of some tracks left; their sections stop and are offered as stopped.
    internal void StopSubscriptions(Peer owner)
    {
        var changed = false;
        foreach (var section in subscribed.Where(s => !s.Stopped && s.Track.Owner == owner))
        {
            section.Stopped = true;
            section.StoppedInOffer = offerVersion + 1;
            changed = true;
        }
        if (changed)
        {
            IndexConsumers();
            Renegotiate();
        }
    }

    private static IReadOnlyList<SdpRtcpFeedback> FeedbackFor(MediaKind kind) =>
        kind == MediaKind.Video ? SdpServerCapabilities.VideoFeedback : [];

    private static bool Negotiates(IReadOnlyList<SdpRtcpFeedback> feedback, string type) =>
        feedback.Any(f => f.Type == type && f.Parameter is null);

    private void SetPaused(SubscribedTrack section, bool paused)
    {
        ArgumentNullException.ThrowIfNull(section);
        lock (session.Gate)
        {
            if (!subscribed.Contains(section) || section.Paused == paused)
            {
                return;
            }
            section.Paused = paused;
            Apply(section);
        }
    }

    private PublishedTrack? CreateProducer(MediaDescription section, SdpRemoteMedia? offered, Func<string, MediaKind, string> labelOf)
    {
        uint? ssrc = offered?.SsrcGroups.FirstOrDefault(g => g.Semantics == "FID")?.Ssrcs[0] ?? (offered?.Ssrcs.Count > 0 ? offered.Ssrcs[0] : null);
        if (ssrc is not { } primary || section.Formats.Count == 0 || !int.TryParse(section.Formats[0], out var payloadType)
            || section.GetRtpMap(payloadType) is not { } codec)
        {
            return null;
        }
        var kind = section.Kind == "audio" ? MediaKind.Audio : MediaKind.Video;
        Producer producer;
        try
        {
            producer = session.Router.CreateProducer($"{Id}:{section.Mid}", kind, primary, (byte)payloadType, (int)codec.ClockRate);
        }
        catch (ArgumentException)
        {
            return null; // two publishers picked the same random SSRC: this track cannot be routed (PublishAnswer.Unrouted)
        }
        var videoCodec = codec.EncodingName.ToUpperInvariant() switch
        {
            "VP8" => VideoCodec.Vp8,
            "VP9" => VideoCodec.Vp9,
            "H264" => VideoCodec.H264,
            _ => (VideoCodec?)null,
        };
        var audioLevel = section.Extmaps.FirstOrDefault(e => e.Uri == SdpHeaderExtensionCapability.AudioLevelUri)?.Id;
        return new PublishedTrack(producer, this, labelOf(section.Mid!, kind), codec, section.GetFmtp(payloadType)?.Parameters,
            kind == MediaKind.Video ? videoCodec : null, audioLevel is { } id and > 0 and < 255 ? (byte)id : null);
    }

    // Under the gate: sends a new subscribe offer, or marks one as due when an offer is already out.
    private void Renegotiate()
    {
        if (AwaitingAnswer)
        {
            dirty = true;
            return;
        }
        dirty = false;
        if (subscribed.Count == 0)
        {
            return;
        }
        AwaitingAnswer = true;
        offerVersion++;
        var local = SdpLocalTransport.WithHostCandidates(subscribeUfrag, subscribePassword,
            session.Server.Certificate.Fingerprint, [session.Server.AnnouncedEndPoint]);
        var media = subscribed.Select(s => new SdpOfferMedia(
            s.Mid,
            s.Track.Kind == MediaKind.Audio ? "audio" : "video",
            s.Track.Codec,
            s.Consumer.Ssrc,
            cname: s.Track.Owner.Cname,
            msid: new SdpMsid($"{s.Track.Owner.Cname}-{s.Track.Label}", s.Track.Producer.Id.Replace(':', '-')),
            codecParameters: s.Track.CodecParameters,
            // No header extensions: forwarded packets keep the publisher's extension ids, which mean nothing here.
            feedback: FeedbackFor(s.Track.Kind),
            stopped: s.Stopped));
        var offer = new SdpOfferBuilder(local) { SessionId = sdpSessionId, SessionVersion = offerVersion }.Build(media);
        SubscribeOffered?.Invoke(this, new SubscribeOffer(offer.ToString(), [.. subscribed.Where(s => !s.Stopped)]));
    }

    // Under the gate.
    private void ApplyPauses()
    {
        foreach (var section in subscribed)
        {
            Apply(section);
        }
    }

    // Under the gate: a Consumer sends once its transport is connected and its section negotiated, unless paused.
    private void Apply(SubscribedTrack section)
    {
        if (section.Stopped)
        {
            return;
        }
        var sends = !section.Paused && answeredVersion >= section.OfferedIn
            && SubscribeTransport?.State == WebRtcTransportState.Connected;
        if (sends)
        {
            session.Router.ResumeConsumer(section.Consumer.Id);
        }
        else
        {
            session.Router.PauseConsumer(section.Consumer.Id);
        }
    }

    // Under the gate: the Consumers whose feedback this peer may give and whose Sender Reports it sends.
    private void IndexConsumers() => packets.SetConsumers(subscribed.Where(s => !s.Stopped));

    private void OnTransportState(WebRtcTransport transport, WebRtcTransportState state)
    {
        if (transport == SubscribeTransport && state == WebRtcTransportState.Connected)
        {
            lock (session.Gate)
            {
                if (!IsClosed)
                {
                    ApplyPauses();
                }
            }
        }
        TransportStateChanged?.Invoke(this, transport, state);
    }
}
