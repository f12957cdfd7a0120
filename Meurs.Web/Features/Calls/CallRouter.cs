using System.Collections.Concurrent;
using Meurs.Media.Dtls;
using Meurs.Media.Routing;
using Meurs.Media.Rtcp;
using Meurs.Media.Rtp;
using Meurs.Media.Sdp;
using Meurs.Media.Transport;

using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Calls;

/// <summary>
/// The media of one call: a Meurs.Media <see cref="Router"/> and, per participant, a <see cref="CallPeer"/> with its
/// publish and subscribe transports on the shared <see cref="WebRtcServer"/>. Signalling (offers and answers on the
/// call socket) changes it under one lock; packets flow on the media server's threads without it.
/// </summary>
/// <remarks>
/// Publish: the browser offers four sendonly sections (mic, camera, screen, screen audio) once; each accepted one with
/// an SSRC becomes a Producer. Subscribe: for every other participant's Producer each participant gets a Consumer,
/// created paused and resumed once their subscribe transport is connected (for video that asks for a keyframe), and a
/// new offer whenever that set changes; one offer is out at a time.
/// </remarks>
public sealed class CallRouter : IRtpSink, IKeyframeRequestSink, IDisposable
{
    /// <summary>Most tracks one participant may publish: one per source.</summary>
    public const int MaxTracksPerParticipant = 4;

    private static readonly HashSet<string> Sources = ["mic", "camera", "screen", "screen-audio"];

    private readonly Lock gate = new();
    private readonly Router router;
    private readonly WebRtcServer server;
    private readonly ILogger logger;
    private readonly Dictionary<Guid, CallPeer> peers = [];
    private readonly ConcurrentDictionary<string, WebRtcTransport> transports = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<uint, PublishedTrack> tracksBySsrc = new();
    private readonly ConcurrentDictionary<string, PublishedTrack> tracksByProducer = new(StringComparer.Ordinal);
    private readonly ITimer timer;
    private readonly TimeProvider time;
    private IReadOnlyList<Guid> speaking = [];
    private int ticks;

    /// <summary>Starts the media of call <paramref name="callId"/> on <paramref name="server"/>.</summary>
    public CallRouter(string callId, WebRtcServer server, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(time);
        CallId = callId;
        this.server = server;
        this.logger = logger;
        this.time = time;
        router = new Router(this, this, time);
        // Every 100 ms: congestion control feedback to publishers and keyframe requests the throttle held back;
        // every 200 ms: who is speaking.
        timer = time.CreateTimer(_ => OnTimer(), null, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100));
    }

    /// <summary>The call's id (a room's call: the room id).</summary>
    public string CallId { get; }

    /// <summary>Raised with the user ids now speaking when that set changes (on a timer thread).</summary>
    public event Action<CallRouter, IReadOnlyList<Guid>>? SpeakingChanged;

    /// <summary>Adds a participant's connection. <paramref name="send"/> delivers its subscribe offers.</summary>
    public void AddPeer(Guid connectionId, Guid userId, string userName, Action<SubscribeOffered> send)
    {
        lock (gate)
        {
            peers[connectionId] = new CallPeer(connectionId, userId, userName, send);
        }
    }

    /// <summary>True when no participant is left.</summary>
    public bool IsEmpty
    {
        get
        {
            lock (gate)
            {
                return peers.Count == 0;
            }
        }
    }

    /// <summary>
    /// Answers a participant's publish offer: creates the publish transport and a Producer per accepted track, and
    /// offers the new tracks to everyone else. <paramref name="sources"/> maps each offered mid to what it carries.
    /// Returns the answer's SDP, or a refusal (<c>bad_sdp</c>, <c>already_published</c>) and nothing changes.
    /// </summary>
    public (string? Answer, RealtimeRefusal? Refusal) Publish(Guid connectionId, string offerSdp, IReadOnlyDictionary<string, string> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        lock (gate)
        {
            if (!peers.TryGetValue(connectionId, out var peer))
            {
                return (null, new RealtimeRefusal("not_in_call", "Join the call first."));
            }
            if (peer.PublishTransport is not null)
            {
                return (null, new RealtimeRefusal("already_published", "This connection already publishes its tracks."));
            }
            if (!SessionDescription.TryParse(offerSdp, out var offer, out var error)
                || !SdpRemoteParameters.TryExtract(offer, out var remote, out error))
            {
                return (null, new RealtimeRefusal("bad_sdp", "The offer could not be read: " + error));
            }
            var sourceError = sources.Count > 8 ? "too many sources" : sources.Values.FirstOrDefault(s => !Sources.Contains(s)) is { } bad ? $"unknown source '{Shorten(bad)}'" : null;
            if (sourceError is not null)
            {
                return (null, new RealtimeRefusal("bad_request", $"Sources are mic, camera, screen or screen-audio by mid ({sourceError})."));
            }
            var transport = server.CreateTransport($"{connectionId:N}-pub", remote.IceUfrag, remote.IcePwd,
                remote.Fingerprint);
            var local = SdpLocalTransport.WithHostCandidates(transport.LocalUfrag, transport.LocalPassword,
                transport.LocalFingerprint, [transport.CandidateEndPoint]);
            if (!new SdpAnswerBuilder(SdpServerCapabilities.Sfu, local).TryBuild(offer, out var answer, out error))
            {
                transport.Dispose();
                return (null, new RealtimeRefusal("bad_sdp", "The offer cannot be answered: " + error));
            }
            peer.PublishTransport = transport;
            transport.TransportCcExtensionId = answer.MediaDescriptions.SelectMany(m => m.Extmaps)
                .FirstOrDefault(e => e.Uri == SdpHeaderExtensionCapability.TransportWideCcUri)?.Id is { } twcc and > 0 and < 255 ? (byte)twcc : null;
            transports[transport.Id] = transport;
            transport.StateChanged += LogState;
            transport.RtpReceived += OnPublisherRtp;
            var added = new List<PublishedTrack>();
            // At most one track per source (mic, camera, screen, screen audio): an offer with dozens of sections must not
            // make every other participant receive dozens of tracks.
            foreach (var section in answer.MediaDescriptions.Where(m => !m.IsRejected && m.IsRtp && m.Mid is not null).Take(MaxTracksPerParticipant))
            {
                if (CreateProducer(peer, section, remote.FindByMid(section.Mid!), sources) is { } track)
                {
                    added.Add(track);
                }
            }
            foreach (var other in peers.Values.Where(p => p != peer))
            {
                foreach (var track in added)
                {
                    Subscribe(other, track);
                }
                Renegotiate(other);
            }
            // The newcomer receives everyone already publishing.
            foreach (var track in peers.Values.Where(p => p != peer).SelectMany(p => p.Published))
            {
                Subscribe(peer, track);
            }
            Renegotiate(peer);
            return (answer.ToString(), null);
        }
    }

    /// <summary>Applies a participant's answer to our last subscribe offer. Returns a refusal when it cannot.</summary>
    public RealtimeRefusal? AnswerSubscribe(Guid connectionId, string answerSdp)
    {
        lock (gate)
        {
            if (!peers.TryGetValue(connectionId, out var peer) || !peer.AwaitingAnswer)
            {
                return new RealtimeRefusal("unexpected_answer", "No subscribe offer is waiting for an answer.");
            }
            if (!SessionDescription.TryParse(answerSdp, out var answer, out var error)
                || !SdpRemoteParameters.TryExtract(answer, out var remote, out error))
            {
                return new RealtimeRefusal("bad_sdp", "The answer could not be read: " + error);
            }
            peer.AwaitingAnswer = false;
            // The sections this offer stopped are now rejected on both sides: their places may be recycled (RFC 8829 §5.2.2).
            foreach (var sub in peer.Subscribed.Where(s => s.Stopped && s.StoppedInOffer <= peer.OfferVersion))
            {
                sub.Recyclable = true;
            }
            if (peer.SubscribeTransport is null)
            {
                var transport = server.CreateTransport($"{connectionId:N}-sub", remote.IceUfrag, remote.IcePwd,
                    remote.Fingerprint, peer.SubscribeUfrag, peer.SubscribePassword);
                peer.SubscribeTransport = transport;
                transports[transport.Id] = transport;
                transport.RtcpReceived += OnSubscriberRtcp;
                transport.StateChanged += (t, state) =>
                {
                    if (state == WebRtcTransportState.Connected)
                    {
                        ApplyPauses(connectionId);
                    }
                };
                transport.StateChanged += LogState;
            }
            else
            {
                ApplyPauses(peer);
            }
            if (peer.Dirty)
            {
                Renegotiate(peer);
            }
            return null;
        }
    }

    /// <summary>
    /// Applies a participant's media state to what the SFU forwards: a deafened participant is sent no audio, and a
    /// muted microphone, a camera turned off or a screen share stopped is forwarded to nobody (each Consumer of that
    /// track is paused, so the SFU sends no packets for it even if the browser still does). The track itself stays
    /// in everyone's offers, silent, until its owner leaves. Until the first state message everything is forwarded.
    /// </summary>
    public void SetState(Guid connectionId, CallMediaState state)
    {
        lock (gate)
        {
            if (!peers.TryGetValue(connectionId, out var peer) || peer.State == state.Normalized())
            {
                return;
            }
            peer.State = state.Normalized();
            foreach (var subscriber in peers.Values)
            {
                ApplyPauses(subscriber);
            }
        }
    }

    /// <summary>Removes a participant: closes their transports and Producers, and takes their tracks out of everyone's offers.</summary>
    public void RemovePeer(Guid connectionId)
    {
        lock (gate)
        {
            if (!peers.Remove(connectionId, out var peer))
            {
                return;
            }
            foreach (var track in peer.Published)
            {
                tracksBySsrc.TryRemove(track.Producer.Ssrc, out _);
                tracksByProducer.TryRemove(track.Producer.Id, out _);
                router.CloseProducer(track.Producer.Id);
            }
            foreach (var sub in peer.Subscribed.Where(s => !s.Stopped))
            {
                router.CloseConsumer(sub.Consumer.Id);
            }
            foreach (var other in peers.Values)
            {
                var changed = false;
                foreach (var sub in other.Subscribed.Where(s => !s.Stopped && s.Track.Owner == peer))
                {
                    sub.Stopped = true;
                    // Rejected in the next offer; recyclable once that offer is answered.
                    sub.StoppedInOffer = other.OfferVersion + 1;
                    changed = true;
                }
                if (changed)
                {
                    Renegotiate(other);
                }
            }
            foreach (var transport in new[] { peer.PublishTransport, peer.SubscribeTransport })
            {
                if (transport is not null)
                {
                    transports.TryRemove(transport.Id, out _);
                    transport.Dispose();
                }
            }
        }
    }

    /// <summary>
    /// A snapshot of the sections of <paramref name="connectionId"/>'s subscribe connection, in m-line order, each
    /// with its Consumer (whose counters say what the SFU forwarded); empty for a connection not in the call.
    /// </summary>
    internal IReadOnlyList<SubscribedTrack> SubscriptionsOf(Guid connectionId)
    {
        lock (gate)
        {
            return peers.TryGetValue(connectionId, out var peer) ? [.. peer.Subscribed] : [];
        }
    }

    /// <inheritdoc />
    public void Send(Consumer consumer, ReadOnlySpan<byte> packet)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        if (transports.TryGetValue(consumer.TransportId, out var transport))
        {
            transport.SendRtp(packet);
        }
    }

    /// <inheritdoc />
    public void RequestKeyframe(Producer producer)
    {
        ArgumentNullException.ThrowIfNull(producer);
        if (!tracksByProducer.TryGetValue(producer.Id, out var track) || track.Owner.PublishTransport is not { } transport)
        {
            return;
        }
        transport.SendPictureLossIndication(producer.Ssrc);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        timer.Dispose();
        lock (gate)
        {
            foreach (var connectionId in peers.Keys.ToList())
            {
                RemovePeer(connectionId);
            }
        }
    }

    private PublishedTrack? CreateProducer(CallPeer peer, MediaDescription section, SdpRemoteMedia? offered, IReadOnlyDictionary<string, string> sources)
    {
        // The SSRC names the Producer: the first of an FID group (the rest would be RTX, not negotiated), else the first listed.
        uint? ssrc = offered?.SsrcGroups.FirstOrDefault(g => g.Semantics == "FID")?.Ssrcs[0] ?? (offered?.Ssrcs.Count > 0 ? offered.Ssrcs[0] : null);
        if (ssrc is not { } primary || section.Formats.Count == 0 || !int.TryParse(section.Formats[0], out var payloadType) || section.GetRtpMap(payloadType) is not { } codec)
        {
            return null;
        }
        var kind = section.Kind == "audio" ? MediaKind.Audio : MediaKind.Video;
        var source = sources.TryGetValue(section.Mid!, out var named) ? named : kind == MediaKind.Audio ? "mic" : "camera";
        Producer producer;
        try
        {
            producer = router.CreateProducer($"{peer.ConnectionId:N}:{section.Mid}", kind, primary, (byte)payloadType, (int)codec.ClockRate);
        }
        catch (ArgumentException ex)
        {
            // Two publishers picked the same random SSRC: this track cannot be routed; the rest of the call goes on.
            logger.LogWarning(ex, "Call {CallId}: track {Mid} of {User} not routed", CallId, section.Mid, peer.UserName);
            return null;
        }
        var videoCodec = codec.EncodingName.ToUpperInvariant() switch
        {
            "VP8" => VideoCodec.Vp8,
            "VP9" => VideoCodec.Vp9,
            "H264" => VideoCodec.H264,
            _ => (VideoCodec?)null,
        };
        var audioLevel = section.Extmaps.FirstOrDefault(e => e.Uri == SdpHeaderExtensionCapability.AudioLevelUri)?.Id;
        var track = new PublishedTrack(producer, source, peer, codec, section.GetFmtp(payloadType)?.Parameters,
            kind == MediaKind.Video ? videoCodec : null, audioLevel is { } id and > 0 and < 255 ? (byte)id : null);
        peer.Published.Add(track);
        tracksBySsrc[primary] = track;
        tracksByProducer[producer.Id] = track;
        return track;
    }

    // Under the lock. A new track takes the place of a section rejected in an answered offer (RFC 8829 §5.2.2: such
    // an m-section is recycled), under a new mid, so leaving and rejoining does not grow the offer without end. The
    // first section is never recycled: it is the BUNDLE tag (see SdpOfferBuilder).
    private void Subscribe(CallPeer subscriber, PublishedTrack track)
    {
        var mid = (subscriber.NextMid++).ToString(System.Globalization.CultureInfo.InvariantCulture);
        // Retransmission as negotiated in our offer: NACK for video only (see Renegotiate).
        var consumer = router.CreateConsumer($"{subscriber.ConnectionId:N}:{mid}", track.Producer.Id, $"{subscriber.ConnectionId:N}-sub", paused: true,
            retransmits: track.Producer.Kind == MediaKind.Video);
        var subscribed = new SubscribedTrack(mid, consumer, track);
        var recycled = subscriber.Subscribed.Count > 1 ? subscriber.Subscribed.FindIndex(1, s => s.Recyclable) : -1;
        if (recycled > 0)
        {
            subscriber.Subscribed[recycled] = subscribed;
        }
        else
        {
            subscriber.Subscribed.Add(subscribed);
        }
    }

    // Under the lock: sends a new subscribe offer, or marks one as due when an offer is already out.
    private void Renegotiate(CallPeer peer)
    {
        if (peer.AwaitingAnswer)
        {
            peer.Dirty = true;
            return;
        }
        peer.Dirty = false;
        if (peer.Subscribed.Count == 0)
        {
            return;
        }
        peer.AwaitingAnswer = true;
        peer.OfferVersion++;
        var local = SdpLocalTransport.WithHostCandidates(peer.SubscribeUfrag, peer.SubscribePassword,
            server.Certificate.Fingerprint, [server.AnnouncedEndPoint]);
        var media = peer.Subscribed.Select(s => new SdpOfferMedia(
            s.Mid,
            s.Track.Producer.Kind == MediaKind.Audio ? "audio" : "video",
            s.Track.Codec,
            s.Consumer.Ssrc,
            cname: s.Track.Owner.UserId.ToString("N"),
            msid: new SdpMsid($"{s.Track.Owner.UserId:N}-{s.Track.Source}", $"{s.Track.Producer.Id.Replace(':', '-')}"),
            codecParameters: s.Track.CodecParameters,
            // No header extensions: forwarded packets keep the publisher's extension ids, which mean nothing here.
            feedback: s.Track.Producer.Kind == MediaKind.Video ? SdpServerCapabilities.VideoFeedback : [],
            stopped: s.Stopped));
        var offer = new SdpOfferBuilder(local) { SessionId = peer.SessionId, SessionVersion = peer.OfferVersion }.Build(media);
        var tracks = peer.Subscribed.Where(s => !s.Stopped).Select(s => new CallJson.TrackInfo(
            s.Mid, s.Track.Owner.UserId, s.Track.Owner.UserName, s.Track.Source, s.Track.Producer.Kind == MediaKind.Audio ? "audio" : "video"));
        peer.Send(new SubscribeOffered(offer.ToString(), [.. tracks]));
    }

    private void ApplyPauses(Guid connectionId)
    {
        lock (gate)
        {
            if (peers.TryGetValue(connectionId, out var peer))
            {
                ApplyPauses(peer);
            }
        }
    }

    // Under the lock: once the subscriber's transport is connected, each live Consumer sends unless the subscriber is
    // deafened (audio) or the track's owner turned that source off. Resuming a video Consumer asks for a keyframe.
    private void ApplyPauses(CallPeer subscriber)
    {
        if (subscriber.SubscribeTransport?.State != WebRtcTransportState.Connected)
        {
            return;
        }
        foreach (var sub in subscriber.Subscribed.Where(s => !s.Stopped))
        {
            var deafened = subscriber.State?.Deafened == true && sub.Track.Producer.Kind == MediaKind.Audio;
            if (deafened || !IsOn(sub.Track))
            {
                router.PauseConsumer(sub.Consumer.Id);
            }
            else
            {
                router.ResumeConsumer(sub.Consumer.Id);
            }
        }
    }

    // Whether the owner's state lets this track through (true before their first state message).
    private static bool IsOn(PublishedTrack track) => track.Owner.State is not { } state || track.Source switch
    {
        "mic" => !state.Muted,
        "camera" => state.Camera,
        "screen" or "screen-audio" => state.Screen,
        _ => true,
    };

    private void OnPublisherRtp(WebRtcTransport transport, ReadOnlySpan<byte> packet)
    {
        if (!RtpPacket.TryParse(packet, out var rtp) || !tracksBySsrc.TryGetValue(rtp.Ssrc, out var track) || track.Owner.PublishTransport != transport)
        {
            return; // an SSRC this publisher never announced (or another's): not routed
        }
        int? level = null;
        if (track.AudioLevelId is { } id && rtp.TryGetExtension(id, out var data) && AudioLevelExtension.TryRead(data, out _, out var dbov))
        {
            level = dbov;
        }
        var keyframe = track.VideoCodec is { } codec && KeyframeDetector.IsKeyframe(codec, rtp.Payload);
        router.Route(new RtpPacketInfo(rtp.Ssrc, rtp.SequenceNumber, rtp.Timestamp, rtp.Marker, keyframe, rtp.Payload.Length, level), packet);
    }

    private void OnSubscriberRtcp(WebRtcTransport transport, ReadOnlySpan<byte> compound) => router.ReceiveRtcp(compound);

    private void OnTimer()
    {
        try
        {
            SendTransportFeedback();
            if (ticks % 10 == 0)
            {
                SendSenderReports();
            }
            router.PollKeyframeRequests();
            if (++ticks % 2 == 0 && router.EvaluateActiveSpeakers() is { } update)
            {
                var users = update.Speaking
                    .Select(id => tracksByProducer.TryGetValue(id, out var t) ? t.Owner.UserId : Guid.Empty)
                    .Where(u => u != Guid.Empty).Distinct().ToList();
                if (!users.SequenceEqual(speaking))
                {
                    speaking = users;
                    SpeakingChanged?.Invoke(this, users);
                }
            }
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Call {CallId}: media timer failed", CallId);
        }
    }

    private void SendTransportFeedback()
    {
        List<(WebRtcTransport Transport, uint Ssrc)> publishers;
        lock (gate)
        {
            publishers = [.. peers.Values.Where(p => p.PublishTransport is not null && p.Published.Count > 0)
                .Select(p => (p.PublishTransport!, p.Published[0].Producer.Ssrc))];
        }
        foreach (var (transport, ssrc) in publishers)
        {
            transport.SendTransportFeedback(ssrc);
        }
    }

    // Once a second, a Sender Report per Consumer (RFC 3550 §6.4.1), written by the Router.
    private void SendSenderReports()
    {
        List<(WebRtcTransport Transport, Consumer Consumer)> due;
        lock (gate)
        {
            due = [.. peers.Values
                .Where(p => p.SubscribeTransport?.State == WebRtcTransportState.Connected)
                .SelectMany(p => p.Subscribed.Where(s => !s.Stopped).Select(s => (p.SubscribeTransport!, s.Consumer)))];
        }
        Span<byte> buffer = stackalloc byte[64];
        foreach (var (transport, consumer) in due)
        {
            if (router.TryWriteSenderReport(consumer, buffer, out var written))
            {
                transport.SendRtcp(buffer[..written]);
            }
        }
    }

    private void LogState(WebRtcTransport transport, WebRtcTransportState state)
    {
        if (state == WebRtcTransportState.Failed)
        {
            logger.LogWarning("Call {CallId}: transport {Transport} failed: {Reason}", CallId, transport.Id, transport.FailureReason);
        }
        else
        {
            logger.LogInformation("Call {CallId}: transport {Transport} is {State}", CallId, transport.Id, state);
        }
    }

    private static string Shorten(string text) => text.Length > 32 ? text[..32] + "…" : text;
}
