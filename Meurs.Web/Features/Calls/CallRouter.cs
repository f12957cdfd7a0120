using System.Collections.Concurrent;
using Meurs.Media.Routing;
using Meurs.Media.Transport;
using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Calls;

/// <summary>
/// The media of one call, as call glue over a Meurs.Media <see cref="MediaSession"/>: each participant's connection
/// is a media <see cref="Peer"/>, and this class applies the call's rules to them. Meurs.Media owns the transports,
/// Producers, Consumers, RTCP and media timers; nothing here reads a packet.
/// </summary>
/// <remarks>
/// The call's rules: a participant publishes at most <see cref="MaxTracksPerParticipant"/> tracks, each labelled by
/// its source (mic, camera, screen, screen-audio); everyone receives every other participant's tracks; a muted
/// microphone, a camera turned off or a screen share stopped is forwarded to nobody, and a deafened participant is
/// sent no audio (their Consumers are paused). Media events become the call channel's typed events: each subscribe
/// offer a <see cref="SubscribeOffered"/> to its participant, a change of speakers a <see cref="SpeakingChanged"/>.
/// Signalling is serialized by one lock.
/// </remarks>
public sealed class CallRouter : IDisposable
{
    /// <summary>Most tracks one participant may publish: one per source.</summary>
    public const int MaxTracksPerParticipant = 4;

    private static readonly HashSet<string> Sources = ["mic", "camera", "screen", "screen-audio"];

    private readonly Lock gate = new();
    private readonly MediaSession session;
    private readonly ILogger logger;
    private readonly Dictionary<Guid, CallPeer> peers = [];
    private readonly ConcurrentDictionary<string, CallPeer> byMedia = new(StringComparer.Ordinal);
    private IReadOnlyList<Guid> speaking = [];

    /// <summary>Starts the media of call <paramref name="callId"/> on <paramref name="server"/>.</summary>
    public CallRouter(string callId, WebRtcServer server, TimeProvider time, ILogger logger)
    {
        CallId = callId;
        this.logger = logger;
        session = new MediaSession(server, time);
        session.TracksPublished += OnTracksPublished;
        session.ActiveSpeakersChanged += OnActiveSpeakersChanged;
        session.TimerFailed += (_, ex) => logger.LogError(ex, "Call {CallId}: media timer failed", CallId);
    }

    /// <summary>The call's id (a room's call: the room id).</summary>
    public string CallId { get; }

    /// <summary>Raised with the user ids now speaking when that set changes (on a timer thread).</summary>
    public event Action<CallRouter, IReadOnlyList<Guid>>? SpeakingChanged;

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

    /// <summary>Adds a participant's connection. <paramref name="send"/> delivers its subscribe offers.</summary>
    public void AddPeer(Guid connectionId, Guid userId, string userName, Action<SubscribeOffered> send)
    {
        lock (gate)
        {
            var media = session.CreatePeer(connectionId.ToString("N"), userId.ToString("N"));
            var peer = new CallPeer(connectionId, userId, userName, send, media);
            media.SubscribeOffered += OnSubscribeOffered;
            media.TransportStateChanged += LogState;
            peers[connectionId] = peer;
            byMedia[media.Id] = peer;
        }
    }

    /// <summary>
    /// Answers a participant's publish offer: their tracks become Producers, offered to everyone else, and they are
    /// offered everyone already publishing. <paramref name="sources"/> maps each offered mid to what it carries.
    /// Returns the answer's SDP, or a refusal (<c>not_in_call</c>, <c>already_published</c>, <c>bad_sdp</c>,
    /// <c>bad_request</c>) and nothing changes.
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
            if (peer.Media.PublishTransport is not null)
            {
                return (null, new RealtimeRefusal("already_published", "This connection already publishes its tracks."));
            }
            var sourceError = sources.Count > 8 ? "too many sources" : sources.Values.FirstOrDefault(s => !Sources.Contains(s)) is { } bad ? $"unknown source '{Shorten(bad)}'" : null;
            if (sourceError is not null)
            {
                return (null, new RealtimeRefusal("bad_request", $"Sources are mic, camera, screen or screen-audio by mid ({sourceError})."));
            }
            // At most one track per source: an offer with dozens of sections must not make every other participant
            // receive dozens of tracks. The other participants subscribe as the tracks are published (OnTracksPublished).
            if (!peer.Media.TryPublish(offerSdp, (mid, kind) => sources.TryGetValue(mid, out var named) ? named : kind == MediaKind.Audio ? "mic" : "camera",
                MaxTracksPerParticipant, out var answer, out var error))
            {
                return (null, new RealtimeRefusal("bad_sdp", error));
            }
            foreach (var mid in answer.Unrouted)
            {
                logger.LogWarning("Call {CallId}: track {Mid} of {User} not routed", CallId, mid, peer.UserName);
            }
            // The newcomer receives everyone already publishing.
            Subscribe(peer, peers.Values.Where(p => p != peer).SelectMany(p => p.Media.Published));
            return (answer.Sdp, null);
        }
    }

    /// <summary>Applies a participant's answer to our last subscribe offer. Returns a refusal when it cannot.</summary>
    public RealtimeRefusal? AnswerSubscribe(Guid connectionId, string answerSdp)
    {
        lock (gate)
        {
            if (!peers.TryGetValue(connectionId, out var peer) || !peer.Media.AwaitingAnswer)
            {
                return new RealtimeRefusal("unexpected_answer", "No subscribe offer is waiting for an answer.");
            }
            return peer.Media.TryAnswerSubscribe(answerSdp, out var error) ? null : new RealtimeRefusal("bad_sdp", error);
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
                ApplyPauses(subscriber, subscriber.Media.Subscriptions);
            }
        }
    }

    /// <summary>Removes a participant: closes their media peer, which takes their tracks out of everyone's offers.</summary>
    public void RemovePeer(Guid connectionId)
    {
        lock (gate)
        {
            if (peers.Remove(connectionId, out var peer))
            {
                peer.Media.Close();
                byMedia.TryRemove(peer.Media.Id, out _);
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
            return peers.TryGetValue(connectionId, out var peer) ? peer.Media.Subscriptions : [];
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (gate)
        {
            session.Dispose();
            peers.Clear();
            byMedia.Clear();
        }
    }

    // Whether the owner's state lets this track through (true before their first state message).
    private static bool IsOn(PublishedTrack track, CallMediaState? owner) => owner is not { } state || track.Label switch
    {
        "mic" => !state.Muted,
        "camera" => state.Camera,
        "screen" or "screen-audio" => state.Screen,
        _ => true,
    };

    private static string Shorten(string text) => text.Length > 32 ? text[..32] + "…" : text;

    // Under the lock (raised by TryPublish): everyone else receives the new tracks.
    private void OnTracksPublished(Peer publisher, IReadOnlyList<PublishedTrack> tracks)
    {
        foreach (var other in peers.Values.Where(p => p.Media != publisher))
        {
            Subscribe(other, tracks);
        }
    }

    // Under the lock.
    private void Subscribe(CallPeer subscriber, IEnumerable<PublishedTrack> tracks) =>
        ApplyPauses(subscriber, subscriber.Media.Subscribe(tracks));

    // Under the lock: a Consumer is paused when the subscriber is deafened (audio) or the owner turned that source off.
    private void ApplyPauses(CallPeer subscriber, IEnumerable<SubscribedTrack> sections)
    {
        foreach (var section in sections.Where(s => !s.Stopped))
        {
            var deafened = subscriber.State?.Deafened == true && section.Track.Kind == MediaKind.Audio;
            var owner = byMedia.TryGetValue(section.Track.Owner.Id, out var o) ? o.State : null;
            if (deafened || !IsOn(section.Track, owner))
            {
                subscriber.Media.Pause(section);
            }
            else
            {
                subscriber.Media.Resume(section);
            }
        }
    }

    // Under the lock: the participant's next subscribe offer, with whose each live section is and what it carries.
    private void OnSubscribeOffered(Peer media, SubscribeOffer offer)
    {
        if (!byMedia.TryGetValue(media.Id, out var peer))
        {
            return;
        }
        var tracks = offer.Tracks
            .Select(s => (Section: s, Owner: byMedia.TryGetValue(s.Track.Owner.Id, out var owner) ? owner : null))
            .Where(t => t.Owner is not null)
            .Select(t => new CallJson.TrackInfo(t.Section.Mid, t.Owner!.UserId, t.Owner.UserName, t.Section.Track.Label,
                t.Section.Track.Kind == MediaKind.Audio ? "audio" : "video"));
        peer.Send(new SubscribeOffered(offer.Sdp, [.. tracks]));
    }

    // On the media timer.
    private void OnActiveSpeakersChanged(MediaSession media, IReadOnlyList<Peer> speakers)
    {
        var users = speakers.Select(p => byMedia.TryGetValue(p.Id, out var peer) ? peer.UserId : Guid.Empty)
            .Where(u => u != Guid.Empty).Distinct().ToList();
        if (!users.SequenceEqual(speaking))
        {
            speaking = users;
            SpeakingChanged?.Invoke(this, users);
        }
    }

    private void LogState(Peer media, WebRtcTransport transport, WebRtcTransportState state)
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
}
