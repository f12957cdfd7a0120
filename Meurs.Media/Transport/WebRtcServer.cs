using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Meurs.Media.Dtls;
using Meurs.Media.Ice;

namespace Meurs.Media.Transport;

/// <summary>
/// The media server's one UDP port, shared by every peer connection (mediasoup's WebRtcServer). Each datagram is
/// classified by its first byte (RFC 7983 §7, <see cref="PacketClassifier"/>): STUN is routed by the local ICE
/// ufrag in its USERNAME to the transport that owns it; DTLS, SRTP and SRTCP by the sender's address and port, which
/// only a transport that answered a valid check from them has claimed. Anything else from an unknown tuple is
/// dropped and counted.
/// </summary>
/// <remarks>
/// One receive loop reads the socket, so each transport sees its datagrams in order on one thread; a timer drives
/// DTLS retransmissions and ICE consent. Sends go straight to the socket from whichever thread sends.
/// </remarks>
public sealed class WebRtcServer : IAsyncDisposable
{
    private readonly Socket socket;
    private readonly DtlsContext dtls;
    private readonly TimeProvider time;
    private readonly ConcurrentDictionary<string, WebRtcTransport> byUfrag = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<IPEndPoint, WebRtcTransport> byTuple = new();
    private readonly CancellationTokenSource stopping = new();
    // Completed when the receive thread has ended.
    private readonly TaskCompletionSource receiving = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ITimer ticker;

    /// <summary>Time is the clock this server and its transports run on.</summary>
    internal TimeProvider Time => time;

    /// <summary>Binds the port and starts receiving. Throws <see cref="SocketException"/> when the port cannot be bound.</summary>
    /// <param name="options">Addresses and port.</param>
    /// <param name="time">The clock for consent freshness and timers.</param>
    public WebRtcServer(WebRtcServerOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        this.time = time;
        var listen = IPAddress.Parse(options.ListenAddress);
        socket = new Socket(listen.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        // Bursts of video from several publishers arrive faster than one loop drains them now and then.
        socket.ReceiveBufferSize = 4 * 1024 * 1024;
        socket.SendBufferSize = 4 * 1024 * 1024;
        socket.Bind(new IPEndPoint(listen, options.Port));
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
        var announced = options.AnnouncedAddress is { Length: > 0 } text ? IPAddress.Parse(text) : listen;
        if (announced.Equals(IPAddress.Any) || announced.Equals(IPAddress.IPv6Any))
        {
            announced = FirstInterfaceAddress();
        }
        AnnouncedEndPoint = new IPEndPoint(announced, LocalEndPoint.Port);
        Certificate = DtlsCertificate.Create();
        dtls = new DtlsContext(DtlsRole.Server, Certificate);
        new Thread(ReceiveLoop) { IsBackground = true, Name = "Meurs.Media receive " + LocalEndPoint.Port }.Start();
        ticker = time.CreateTimer(_ => Tick(), null, options.TickInterval, options.TickInterval);
    }

    /// <summary>The bound address and port.</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>The address and port announced as the host candidate.</summary>
    public IPEndPoint AnnouncedEndPoint { get; }

    /// <summary>The DTLS certificate (ECDSA P-256, made at start-up) every transport presents.</summary>
    public DtlsCertificate Certificate { get; }

    /// <summary>Datagrams dropped because no transport claims them (unknown ufrag or tuple), or unclassifiable.</summary>
    public long UnroutedDatagrams => Interlocked.Read(ref unrouted);

    private long unrouted;

    /// <summary>Transports open now.</summary>
    public int TransportCount => byUfrag.Count;

    /// <summary>
    /// Creates a transport for one peer connection whose SDP gave <paramref name="remoteUfrag"/>,
    /// <paramref name="remotePassword"/> and <paramref name="remoteFingerprint"/> (the DTLS certificate it must present).
    /// When we made the offer, the credentials already in it are passed as <paramref name="localUfrag"/> and
    /// <paramref name="localPassword"/>; otherwise new ones are generated.
    /// </summary>
    /// <exception cref="ArgumentException">A ufrag or password breaks RFC 8839 §5.4's grammar, or the local ufrag is in use.</exception>
    public WebRtcTransport CreateTransport(string id, string remoteUfrag, string? remotePassword, DtlsFingerprint remoteFingerprint,
        string? localUfrag = null, string? localPassword = null)
    {
        ObjectDisposedException.ThrowIf(stopping.IsCancellationRequested, this);
        while (true)
        {
            var ice = new IceLiteAgent(localUfrag ?? IceCredentials.GenerateUfrag(), localPassword ?? IceCredentials.GeneratePassword(), remoteUfrag, remotePassword, time);
            var transport = new WebRtcTransport(this, id, ice, new DtlsTransport(dtls, remoteFingerprint));
            if (byUfrag.TryAdd(transport.LocalUfrag, transport))
            {
                return transport;
            }
            transport.Dispose();
            if (localUfrag is not null)
            {
                throw new ArgumentException("That ICE ufrag is already in use.", nameof(localUfrag));
            }
            // A 16-character random ufrag collided: practically never; draw again.
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (stopping.IsCancellationRequested)
        {
            return;
        }
        await stopping.CancelAsync();
        await ticker.DisposeAsync();
        socket.Dispose();
        try
        {
            await receiving.Task;
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Closing the socket is how the loop is stopped.
        }
        foreach (var transport in byUfrag.Values)
        {
            transport.Dispose();
        }
        dtls.Dispose();
        Certificate.Dispose();
        stopping.Dispose();
    }

    // The address a browser on the local network can reach when none was configured.
    private static IPAddress FirstInterfaceAddress() =>
        System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == System.Net.NetworkInformation.OperationalStatus.Up
                && n.NetworkInterfaceType != System.Net.NetworkInformation.NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            ?? IPAddress.Loopback;

    internal void SendDatagram(ReadOnlySpan<byte> datagram, IPEndPoint to)
    {
        try
        {
            socket.SendTo(datagram, SocketFlags.None, to);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // UDP: a send that fails (ICMP unreachable reported late, shutdown) is a lost packet, as on the wire.
        }
    }

    internal void Remove(WebRtcTransport transport)
    {
        byUfrag.TryRemove(new KeyValuePair<string, WebRtcTransport>(transport.LocalUfrag, transport));
        foreach (var (tuple, owner) in byTuple)
        {
            if (owner == transport)
            {
                byTuple.TryRemove(new KeyValuePair<IPEndPoint, WebRtcTransport>(tuple, owner));
            }
        }
    }

    // One thread receives every datagram and routes it in place, as Janus' and mediasoup's loops do. An async receive
    // loop handed each datagram to the thread pool instead: a worker woken per packet, and its spinning for more work
    // afterwards, cost about a millisecond of CPU per incoming video packet in a small call (bench/sfu).
    private void ReceiveLoop()
    {
        var buffer = GC.AllocateArray<byte>(WebRtcTransport.MaxDatagramLength + 1, pinned: true);
        EndPoint any = new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                int length;
                EndPoint from = any;
                try
                {
                    length = socket.ReceiveFrom(buffer, SocketFlags.None, ref from);
                }
                catch (SocketException) when (!stopping.IsCancellationRequested)
                {
                    continue; // e.g. ICMP port unreachable from an earlier send, reported on this socket: not fatal
                }
                catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
                {
                    return; // DisposeAsync closed the socket
                }
                if (length > WebRtcTransport.MaxDatagramLength)
                {
                    Interlocked.Increment(ref unrouted);
                    continue;
                }
                try
                {
                    Route(buffer.AsSpan(0, length), (IPEndPoint)from);
                }
#pragma warning disable CA1031 // An exception here would end the thread, and every call's media with it: the datagram is dropped instead.
                catch (Exception)
#pragma warning restore CA1031
                {
                    Interlocked.Increment(ref unrouted);
                }
            }
        }
        finally
        {
            receiving.TrySetResult();
        }
    }

    private void Route(ReadOnlySpan<byte> datagram, IPEndPoint from)
    {
        try
        {
            switch (PacketClassifier.Classify(datagram))
            {
                case PacketKind.Stun:
                    if (IceLiteAgent.TryGetLocalUfrag(datagram, out var ufrag)
                        && byUfrag.TryGetValue(Encoding.ASCII.GetString(ufrag), out var owner)
                        && owner.OnStun(datagram, from) is { } tuple)
                    {
                        byTuple[tuple] = owner;
                        return;
                    }
                    break;
                case PacketKind.Dtls when byTuple.TryGetValue(from, out var transport):
                    transport.OnDtls(datagram);
                    return;
                case PacketKind.Rtp when byTuple.TryGetValue(from, out var transport):
                    transport.OnSrtp(datagram, rtcp: false);
                    return;
                case PacketKind.Rtcp when byTuple.TryGetValue(from, out var transport):
                    transport.OnSrtp(datagram, rtcp: true);
                    return;
            }
        }
        catch (ObjectDisposedException)
        {
            // The transport was disposed between lookup and use.
        }
        Interlocked.Increment(ref unrouted);
    }

    private void Tick()
    {
        foreach (var transport in byUfrag.Values)
        {
            try
            {
                transport.Tick();
            }
            catch (ObjectDisposedException)
            {
                // Disposed meanwhile.
            }
        }
    }
}
