using System.Collections.Concurrent;
using Meurs.Media.Transport;

namespace Meurs.Media.Routing;

/// <summary>
/// MediaSession is the media of one conference (a call): a <see cref="Router"/> and the <see cref="Peer"/>s whose
/// transports live on a shared <see cref="WebRtcServer"/>. It connects the Router to the transports (rewritten packets
/// go out on the subscriber's transport, keyframe requests as PLI on the publisher's), runs the session-wide timer
/// (throttled keyframe requests that came due, active speakers), and reports what the application needs to hear:
/// tracks published and closed, and who is speaking.
/// </summary>
/// <remarks>
/// <para>
/// Signalling (publish, subscribe, answers, pause, close) is serialized by one lock per session, which the peers share;
/// packets flow on the media server's receive thread without it (the Router has its own lock). Events raised by
/// signalling calls (<see cref="TracksPublished"/>, <see cref="TracksClosed"/>, <see cref="Peer.SubscribeOffered"/>)
/// run on the calling thread with that lock held: handlers may call back into the session (the lock is reentrant) but
/// must only queue anything slow. <see cref="ActiveSpeakersChanged"/> runs on the timer.
/// </para>
/// <para>
/// Time comes from the <see cref="TimeProvider"/> given at construction, for the Router and every timer, so tests can
/// drive it with a fake clock.
/// </para>
/// </remarks>
public sealed class MediaSession : IDisposable
{
    /// <summary>The session's one tick: every peer's RTCP (feedback each tick, reports in turn each second), throttled keyframe requests, and the speakers (every second tick).</summary>
    public static readonly TimeSpan TickInterval = Peer.FeedbackInterval;

    private readonly Dictionary<string, Peer> peers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, WebRtcTransport> transports = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PublishedTrack> tracks = new(StringComparer.Ordinal);
    private readonly ITimer timer;
    private IReadOnlyList<Peer> speaking = [];
    // The peers as the tick walks them: replaced, never changed, under the gate (the tick reads it without the gate).
    private Peer[] ticking = [];
    private int ticks;
    private int peersCreated;
    private bool disposed;

    /// <summary>Creates an empty session on <paramref name="server"/>.</summary>
    /// <param name="server">The UDP port the peers' transports share.</param>
    /// <param name="time">The clock for the Router and the timers.</param>
    /// <param name="options">Router tuning; null for the defaults.</param>
    public MediaSession(WebRtcServer server, TimeProvider time, RouterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(time);
        Server = server;
        Time = time;
        var sinks = new Sinks(this);
        Router = new Router(sinks, sinks, time, options);
        timer = time.CreateTimer(_ => OnTick(), null, TickInterval, TickInterval);
    }

    /// <summary>Server is the media server the peers' transports are on.</summary>
    public WebRtcServer Server { get; }

    /// <summary>Router routes the session's packets; its Producers and Consumers belong to the peers.</summary>
    public Router Router { get; }

    /// <summary>
    /// TracksPublished is raised by <see cref="Peer.TryPublish"/> with the peer's new tracks, before it returns (the
    /// usual handler subscribes the other peers to them).
    /// </summary>
    public event Action<Peer, IReadOnlyList<PublishedTrack>>? TracksPublished;

    /// <summary>
    /// TracksClosed is raised when a peer closes, with the tracks it had published; every subscription to them has
    /// been stopped and the subscribers were offered their removal.
    /// </summary>
    public event Action<Peer, IReadOnlyList<PublishedTrack>>? TracksClosed;

    /// <summary>
    /// ActiveSpeakersChanged is raised on the timer with the peers now speaking (by RFC 6464 audio levels, see
    /// <see cref="ActiveSpeakerDetector"/>), in the Router's order, when that set changes.
    /// </summary>
    public event Action<MediaSession, IReadOnlyList<Peer>>? ActiveSpeakersChanged;

    /// <summary>Timer errors (a handler that threw), for the application's log; the timer goes on.</summary>
    public event Action<MediaSession, Exception>? TimerFailed;

    internal TimeProvider Time { get; }

    internal Lock Gate { get; } = new();

    /// <summary>A snapshot of the open peers.</summary>
    public IReadOnlyList<Peer> Peers
    {
        get
        {
            lock (Gate)
            {
                return [.. peers.Values];
            }
        }
    }

    /// <summary>
    /// CreatePeer adds a participant with no transports yet. Its transports are named "<c>id-pub</c>" and
    /// "<c>id-sub</c>", its Producers and Consumers "<c>id:mid</c>".
    /// </summary>
    /// <param name="id">Unique in the session, a token (e.g. a connection id in hex).</param>
    /// <param name="cname">The RTCP CNAME of the participant (RFC 3550 §6.5.1), a token; subscribers see it in
    /// a=ssrc cname and at the start of the msid stream id of its tracks.</param>
    /// <returns>The new peer.</returns>
    /// <exception cref="ArgumentException">The id is empty or taken, or either is not an SDP token.</exception>
    public Peer CreatePeer(string id, string cname)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentException.ThrowIfNullOrEmpty(cname);
        lock (Gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (peers.ContainsKey(id))
            {
                throw new ArgumentException($"A peer with id '{id}' already exists.", nameof(id));
            }
            var peer = new Peer(this, id, cname, peersCreated++ % ReportTicks);
            peers.Add(id, peer);
            ticking = [.. peers.Values];
            return peer;
        }
    }

    /// <summary>Closes every peer and stops the timer. Idempotent.</summary>
    public void Dispose()
    {
        timer.Dispose();
        lock (Gate)
        {
            foreach (var peer in peers.Values.ToList())
            {
                peer.Close();
            }
            disposed = true;
        }
    }

    internal void AddTransport(WebRtcTransport transport) => transports[transport.Id] = transport;

    // Under the gate: a peer's new tracks are routable, then the application hears of them.
    internal void OnPublished(Peer peer, IReadOnlyList<PublishedTrack> published)
    {
        foreach (var track in published)
        {
            tracks[track.Producer.Id] = track;
        }
        TracksPublished?.Invoke(peer, published);
    }

    // Under the gate: takes a closing peer out: its tracks leave every subscriber's offer, then its transports go.
    internal void OnClosed(Peer peer, IReadOnlyList<PublishedTrack> published, IEnumerable<WebRtcTransport> closing)
    {
        peers.Remove(peer.Id);
        ticking = [.. peers.Values];
        foreach (var track in published)
        {
            tracks.TryRemove(track.Producer.Id, out _);
            Router.CloseProducer(track.Producer.Id);
        }
        foreach (var other in peers.Values)
        {
            other.StopSubscriptions(peer);
        }
        foreach (var transport in closing)
        {
            transports.TryRemove(transport.Id, out _);
        }
        if (published.Count > 0)
        {
            TracksClosed?.Invoke(peer, published);
        }
    }

    // Ticks in one report interval (10: reports each second, feedback each 100 ms).
    private static readonly int ReportTicks = (int)(Peer.ReportInterval / Peer.FeedbackInterval);

    // One timer for the whole session rather than one per peer: each timer firing is a thread-pool work item that wakes
    // a worker, and with 100 peers ticking ten times a second the workers' spinning between items was most of the
    // SFU's CPU while nothing was sent.
    private void OnTick()
    {
        var tick = ++ticks;
        foreach (var peer in Volatile.Read(ref ticking))
        {
            try
            {
                peer.Packets.OnTick(reportsDue: (tick + peer.ReportPhase) % ReportTicks == 0);
            }
#pragma warning disable CA1031 // One peer's failure must not stop the others' RTCP; reported, the tick goes on.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                TimerFailed?.Invoke(this, ex);
            }
        }
        try
        {
            Router.PollKeyframeRequests();
            if (tick % 2 == 0 && Router.EvaluateActiveSpeakers() is { } update)
            {
                IReadOnlyList<Peer> now = [.. update.Speaking
                    .Select(id => tracks.TryGetValue(id, out var track) ? track.Owner : null)
                    .OfType<Peer>()
                    .Distinct()];
                if (!now.SequenceEqual(speaking))
                {
                    speaking = now;
                    ActiveSpeakersChanged?.Invoke(this, now);
                }
            }
        }
#pragma warning disable CA1031 // A timer callback that threw would end the process: report it and keep ticking.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            TimerFailed?.Invoke(this, ex);
        }
    }

    // The Router's way out: rewritten packets to the subscriber's transport, keyframe requests to the publisher's.
    // Both are called under the Router's lock and only encrypt and send one datagram.
    private sealed class Sinks(MediaSession session) : IRtpSink, IKeyframeRequestSink
    {
        public void Send(Consumer consumer, ReadOnlySpan<byte> packet)
        {
            if (session.transports.TryGetValue(consumer.TransportId, out var transport))
            {
                transport.SendRtp(packet);
            }
        }

        public void RequestKeyframe(Producer producer)
        {
            if (session.tracks.TryGetValue(producer.Id, out var track) && track.Owner.PublishTransport is { } transport)
            {
                transport.SendPictureLossIndication(producer.Ssrc);
            }
        }
    }
}
