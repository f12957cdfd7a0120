using System.Net;
using Meurs.Media.Dtls;
using Meurs.Media.Ice;
using Meurs.Media.Rtcp;
using Meurs.Media.Rtp;
using Meurs.Media.Srtp;

namespace Meurs.Media.Transport;

/// <summary>
/// One WebRTC peer connection's transport on the shared UDP port (mediasoup's WebRtcTransport): an ICE-lite agent
/// (RFC 8445 §2.5) answering the browser's checks, a DTLS 1.2 server (RFC 6347) whose keys set up SRTP (RFC 5764), and
/// the SRTP session (RFC 3711, RFC 7714) that decrypts what arrives and encrypts what is sent. With BUNDLE and
/// rtcp-mux (RFC 8843, RFC 5761) every track of the connection shares it.
/// </summary>
/// <remarks>
/// Threading: datagrams are handled on the server's receive thread, timers on its timer; both, and senders on any
/// thread, take this transport's lock, so DTLS and SRTP state are never used concurrently. Handlers
/// (<see cref="RtpReceived"/>, <see cref="RtcpReceived"/>) run on the receive thread outside the lock and must not
/// block; they may send on any transport.
/// </remarks>
public sealed class WebRtcTransport : IDisposable
{
    /// <summary>Largest datagram sent or received: an Ethernet MTU's worth, more than any browser packet.</summary>
    public const int MaxDatagramLength = 1500;

    private readonly WebRtcServer server;
    private readonly IceLiteAgent ice;
    private readonly DtlsTransport dtls;
    private readonly Lock gate = new();
    private readonly byte[] receiveBuffer = new byte[MaxDatagramLength];
    private readonly byte[] sendBuffer = new byte[MaxDatagramLength];
    private SrtpSession? srtp;
    private IPEndPoint? lastChecked;
    private WebRtcTransportState state = WebRtcTransportState.New;

    internal WebRtcTransport(WebRtcServer server, string id, IceLiteAgent ice, DtlsTransport dtls)
    {
        this.server = server;
        Id = id;
        this.ice = ice;
        this.dtls = dtls;
    }

    /// <summary>
    /// SendPictureLossIndication asks the peer for a keyframe of its stream <paramref name="mediaSsrc"/> with an RTCP
    /// PLI (RFC 4585 §6.3.1). Throttling is the caller's (the Router's KeyframeRequestThrottle); the rest of the
    /// RTCP a publisher or subscriber gets (feedback, reports) is written by the <see cref="Routing.Peer"/> that owns the transport.
    /// </summary>
    /// <param name="mediaSsrc">The SSRC of the peer's video stream.</param>
    /// <returns>False when the transport cannot send (not Connected, or closed).</returns>
    public bool SendPictureLossIndication(uint mediaSsrc)
    {
        Span<byte> pli = stackalloc byte[12];
        // Sender SSRC 1: RFC 4585 §6.1 only needs it to be ours; the SFU has no stream of its own towards this peer.
        return new PictureLossIndication { SenderSsrc = 1, MediaSsrc = mediaSsrc }.TryWrite(pli, out var written)
            && SendRtcp(pli[..written]);
    }

    /// <summary>An id for logs and the owner's bookkeeping (the ICE ufrag is the routing key, this is not).</summary>
    public string Id { get; }

    /// <summary>Our ice-ufrag for the SDP (RFC 8839 §5.4); checks carry "ufrag:remote-ufrag".</summary>
    public string LocalUfrag => ice.LocalUfrag;

    /// <summary>Our ice-pwd for the SDP, the MESSAGE-INTEGRITY key of every check.</summary>
    public string LocalPassword => ice.LocalPassword;

    /// <summary>The SHA-256 fingerprint of our DTLS certificate, for the SDP's a=fingerprint (RFC 8122 §5).</summary>
    public DtlsFingerprint LocalFingerprint => server.Certificate.Fingerprint;

    /// <summary>The address and port browsers send to: our one host candidate (RFC 8839 §5.1).</summary>
    public IPEndPoint CandidateEndPoint => server.AnnouncedEndPoint;

    /// <summary>
    /// The browser's address: the tuple ICE selected (nominated), or before nomination the last one whose check
    /// succeeded (a browser may start DTLS on it before nominating). Null before any valid check.
    /// </summary>
    public IPEndPoint? RemoteEndPoint
    {
        get
        {
            lock (gate)
            {
                return ice.SelectedEndPoint ?? lastChecked;
            }
        }
    }

    /// <summary>Where the transport is; see <see cref="WebRtcTransportState"/>.</summary>
    public WebRtcTransportState State
    {
        get
        {
            lock (gate)
            {
                return state;
            }
        }
    }

    /// <summary>Why it failed, for logs; null unless <see cref="State"/> is Failed.</summary>
    public string? FailureReason { get; private set; }

    /// <summary>Counters for this transport.</summary>
    public WebRtcTransportStats Stats { get; } = new();

    /// <summary>A decrypted RTP packet arrived.</summary>
    public event PacketHandler? RtpReceived;

    /// <summary>A decrypted RTCP compound packet arrived.</summary>
    public event PacketHandler? RtcpReceived;

    /// <summary>The state changed (raised outside the lock, on the thread that changed it).</summary>
    public event Action<WebRtcTransport, WebRtcTransportState>? StateChanged;

    /// <summary>
    /// Encrypts <paramref name="rtp"/> and sends it to the browser. False when the transport is not connected or the
    /// packet is malformed or too large; nothing is sent then.
    /// </summary>
    public bool SendRtp(ReadOnlySpan<byte> rtp) => Send(rtp, rtcp: false);

    /// <summary>Encrypts the RTCP compound packet <paramref name="rtcp"/> and sends it. False as for <see cref="SendRtp"/>.</summary>
    public bool SendRtcp(ReadOnlySpan<byte> rtcp) => Send(rtcp, rtcp: true);

    /// <summary>Closes the transport: sends a DTLS close_notify if connected and stops taking packets. Idempotent.</summary>
    public void Close()
    {
        bool changed;
        lock (gate)
        {
            changed = state is not (WebRtcTransportState.Closed or WebRtcTransportState.Failed);
            if (changed)
            {
                if (dtls.State == DtlsState.Connected)
                {
                    dtls.Close();
                    FlushDtls();
                }
                state = WebRtcTransportState.Closed;
            }
        }
        server.Remove(this);
        if (changed)
        {
            StateChanged?.Invoke(this, WebRtcTransportState.Closed);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Close();
        lock (gate)
        {
            dtls.Dispose();
            srtp?.Dispose();
            srtp = null;
        }
    }

    /// <summary>Handles a STUN datagram whose USERNAME names this transport. Returns the endpoint to route by, if checks succeeded.</summary>
    internal IPEndPoint? OnStun(ReadOnlySpan<byte> datagram, IPEndPoint from)
    {
        Span<byte> response = stackalloc byte[IceLiteAgent.MaxResponseLength];
        IceResult result;
        int written;
        lock (gate)
        {
            if (state is WebRtcTransportState.Closed or WebRtcTransportState.Failed)
            {
                return null;
            }
            result = ice.HandleBindingRequest(datagram, from, response, out written);
            if (result is IceResult.Answered or IceResult.Nominated)
            {
                lastChecked = from;
            }
        }
        if (written > 0)
        {
            server.SendDatagram(response[..written], from);
        }
        if (result is IceResult.Answered or IceResult.Nominated)
        {
            ChangeState(WebRtcTransportState.New, WebRtcTransportState.Connecting);
            return from;
        }
        Stats.DroppedPackets += result == IceResult.Dropped ? 1 : 0;
        return null;
    }

    /// <summary>Handles a DTLS datagram from the selected tuple.</summary>
    internal void OnDtls(ReadOnlySpan<byte> datagram)
    {
        WebRtcTransportState? reached = null;
        lock (gate)
        {
            if (state is WebRtcTransportState.Closed or WebRtcTransportState.Failed)
            {
                return;
            }
            dtls.Feed(datagram);
            FlushDtls();
            reached = AfterDtls();
        }
        Announce(reached);
    }

    /// <summary>Handles an SRTP or SRTCP datagram from the selected tuple: decrypts it and raises the event.</summary>
    internal void OnSrtp(ReadOnlySpan<byte> datagram, bool rtcp)
    {
        int length;
        lock (gate)
        {
            if (state != WebRtcTransportState.Connected || srtp is null)
            {
                Stats.DroppedPackets++;
                return;
            }
            var ok = rtcp
                ? srtp.TryUnprotectRtcp(datagram, receiveBuffer, out length)
                : srtp.TryUnprotectRtp(datagram, receiveBuffer, out length);
            if (!ok)
            {
                // Failed authentication, replays and malformed packets are counted by the SRTP session, never forwarded.
                Stats.DroppedPackets++;
                return;
            }
            Stats.PacketsReceived++;
            Stats.BytesReceived += datagram.Length;
        }
        // Outside the lock (the buffer is only ever used by the one receive thread): a handler forwarding to other
        // transports takes their locks, and holding ours meanwhile could order locks both ways.
        var packet = receiveBuffer.AsSpan(0, length);
        var handler = rtcp ? RtcpReceived : RtpReceived;
        handler?.Invoke(this, packet);
    }

    /// <summary>Runs timers: DTLS retransmission (RFC 6347 §4.2.4) and ICE consent (RFC 7675 §5.1).</summary>
    internal void Tick()
    {
        WebRtcTransportState? reached = null;
        lock (gate)
        {
            if (state is WebRtcTransportState.Closed or WebRtcTransportState.Failed)
            {
                return;
            }
            if (dtls.State == DtlsState.Connecting && dtls.NextTimeout is { } due && due <= TimeSpan.Zero)
            {
                dtls.HandleTimeout();
                FlushDtls();
                reached = AfterDtls();
            }
            // CheckConsent is also false before nomination (Checking); only a Connected agent that lost consent is over.
            if (reached is null && !ice.CheckConsent() && ice.State == IceState.Disconnected)
            {
                FailureReason = "ICE consent expired: no valid check from the browser for " + ice.ConsentTimeout.TotalSeconds + " s (RFC 7675).";
                state = WebRtcTransportState.Failed;
                reached = state;
            }
        }
        Announce(reached);
    }

    // Outside the lock: a failed transport stops receiving (its ufrag and tuples are released), then owners are told.
    private void Announce(WebRtcTransportState? reached)
    {
        if (reached is not { } now)
        {
            return;
        }
        if (now == WebRtcTransportState.Failed)
        {
            server.Remove(this);
        }
        StateChanged?.Invoke(this, now);
    }

    private bool Send(ReadOnlySpan<byte> packet, bool rtcp)
    {
        lock (gate)
        {
            if (state != WebRtcTransportState.Connected || srtp is null || (ice.SelectedEndPoint ?? lastChecked) is not { } to)
            {
                return false;
            }
            var ok = rtcp
                ? srtp.TryProtectRtcp(packet, sendBuffer, out var length)
                : srtp.TryProtectRtp(packet, sendBuffer, out length);
            if (!ok)
            {
                return false;
            }
            Stats.PacketsSent++;
            Stats.BytesSent += length;
            server.SendDatagram(sendBuffer.AsSpan(0, length), to);
            return true;
        }
    }

    // Under the lock: sends what DTLS queued to the selected tuple.
    private void FlushDtls()
    {
        var to = ice.SelectedEndPoint ?? lastChecked;
        while (dtls.TryDequeue(out var datagram))
        {
            if (to is not null)
            {
                server.SendDatagram(datagram, to);
            }
        }
    }

    // Under the lock: moves to Connected (with SRTP keys) or Failed when DTLS got there; returns the new state if it changed.
    private WebRtcTransportState? AfterDtls()
    {
        if (dtls.State == DtlsState.Connected && state != WebRtcTransportState.Connected)
        {
            srtp = dtls.CreateSrtpSession();
            state = WebRtcTransportState.Connected;
            return state;
        }
        if (dtls.State is DtlsState.Failed or DtlsState.Closed && state != WebRtcTransportState.Failed)
        {
            FailureReason = dtls.FailureReason ?? "The DTLS handshake failed.";
            state = WebRtcTransportState.Failed;
            return state;
        }
        return null;
    }

    private void ChangeState(WebRtcTransportState from, WebRtcTransportState to)
    {
        lock (gate)
        {
            if (state != from)
            {
                return;
            }
            state = to;
        }
        StateChanged?.Invoke(this, to);
    }
}
