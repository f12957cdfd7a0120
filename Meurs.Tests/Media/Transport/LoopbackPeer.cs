using System.Net;
using System.Net.Sockets;
using System.Text;
using Meurs.Media.Dtls;
using Meurs.Media.Srtp;
using Meurs.Media.Stun;
using Meurs.Media.Transport;

namespace Meurs.Tests.Media.Transport;

/// <summary>
/// A browser stand-in on Meurs.Media's own stack in the client roles: a full ICE agent's binding requests
/// (controlling, nominating), a DTLS client with its own certificate, and SRTP with the client's keys, over a real UDP
/// socket on 127.0.0.1. Every wait is bounded so a hang turns into a failure.
/// </summary>
internal sealed class LoopbackPeer : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly Socket socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly DtlsCertificate certificate = DtlsCertificate.Create();
    private readonly DtlsContext context;

    public LoopbackPeer()
    {
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        socket.ReceiveTimeout = (int)Patience.TotalMilliseconds;
        context = new DtlsContext(DtlsRole.Client, certificate);
    }

    public string Ufrag { get; } = "peer" + Guid.NewGuid().ToString("N")[..8];

    public string Password { get; } = "peerpassword" + Guid.NewGuid().ToString("N");

    public DtlsFingerprint Fingerprint => certificate.Fingerprint;

    public IPEndPoint EndPoint => (IPEndPoint)socket.LocalEndPoint!;

    public SrtpSession? Srtp { get; private set; }

    public DtlsTransport? Dtls { get; private set; }

    /// <summary>Sends a nominating binding request for <paramref name="transport"/> and returns the response.</summary>
    public StunMessage Check(WebRtcTransport transport, IPEndPoint server, bool useCandidate = true, string? password = null) =>
        Check(transport.LocalUfrag, password ?? transport.LocalPassword, server, useCandidate);

    /// <summary>Sends a nominating binding request to the server's ufrag and password (as read from its SDP).</summary>
    public StunMessage Check(string serverUfrag, string serverPassword, IPEndPoint server, bool useCandidate = true)
    {
        var buffer = new byte[512];
        var writer = new StunWriter(buffer, StunMessageType.BindingRequest, StunTransactionId.NewRandom());
        writer.AddUsername($"{serverUfrag}:{Ufrag}");
        writer.AddIceControlling(0x1122334455667788);
        if (useCandidate)
        {
            writer.AddUseCandidate();
        }
        writer.AddPriority(0x6E7F1EFF);
        writer.AddMessageIntegrity(Encoding.ASCII.GetBytes(serverPassword));
        writer.AddFingerprint();
        socket.SendTo(writer.Written, server);
        var response = Receive();
        Assert.True(StunReader.TryParse(response, out var message), "the answer is not STUN");
        return message!;
    }

    /// <summary>Runs the DTLS handshake as the client against <paramref name="server"/> until it ends either way.</summary>
    public DtlsState Handshake(IPEndPoint server, DtlsFingerprint serverFingerprint)
    {
        Dtls = new DtlsTransport(context, serverFingerprint);
        Dtls.Start();
        var deadline = DateTime.UtcNow + Patience;
        while (Dtls.State is DtlsState.New or DtlsState.Connecting && DateTime.UtcNow < deadline)
        {
            while (Dtls.TryDequeue(out var datagram))
            {
                socket.SendTo(datagram, server);
            }
            if (Dtls.State != DtlsState.Connecting)
            {
                break;
            }
            socket.ReceiveTimeout = 200;
            try
            {
                Dtls.Feed(Receive());
            }
            catch (SocketException)
            {
                Dtls.HandleTimeout();
            }
            finally
            {
                socket.ReceiveTimeout = (int)Patience.TotalMilliseconds;
            }
        }
        while (Dtls.TryDequeue(out var last))
        {
            socket.SendTo(last, server);
        }
        if (Dtls.State == DtlsState.Connected)
        {
            Srtp = Dtls.CreateSrtpSession();
        }
        return Dtls.State;
    }

    public void SendRaw(ReadOnlySpan<byte> datagram, IPEndPoint to) => socket.SendTo(datagram, to);

    public void SendRtp(ReadOnlySpan<byte> rtp, IPEndPoint server)
    {
        var buffer = new byte[1500];
        Assert.True(Srtp!.TryProtectRtp(rtp, buffer, out var length));
        socket.SendTo(buffer.AsSpan(0, length), server);
    }

    /// <summary>Receives datagrams until one decrypts as SRTP; returns the plain RTP packet.</summary>
    public byte[] ReceiveRtp()
    {
        var plain = new byte[1500];
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            var datagram = Receive();
            if (Srtp!.TryUnprotectRtp(datagram, plain, out var length))
            {
                return plain[..length];
            }
        }
        throw new TimeoutException("no SRTP packet arrived");
    }

    public void SendRtcp(ReadOnlySpan<byte> rtcp, IPEndPoint server)
    {
        var buffer = new byte[1500];
        Assert.True(Srtp!.TryProtectRtcp(rtcp, buffer, out var length));
        socket.SendTo(buffer.AsSpan(0, length), server);
    }

    /// <summary>
    /// Receives datagrams until an SRTCP compound packet decrypts and <paramref name="wanted"/> accepts it (SRTP and
    /// other RTCP met meanwhile are skipped); returns the plain compound packet.
    /// </summary>
    public byte[] ReceiveRtcp(Func<byte[], bool> wanted)
    {
        var plain = new byte[1500];
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            var datagram = Receive();
            if (Srtp!.TryUnprotectRtcp(datagram, plain, out var length) && wanted(plain[..length]))
            {
                return plain[..length];
            }
        }
        throw new TimeoutException("no such SRTCP packet arrived");
    }

    public byte[] Receive()
    {
        var buffer = new byte[2048];
        EndPoint from = new IPEndPoint(IPAddress.Any, 0);
        var length = socket.ReceiveFrom(buffer, ref from);
        return buffer[..length];
    }

    public void Dispose()
    {
        Srtp?.Dispose();
        Dtls?.Dispose();
        context.Dispose();
        certificate.Dispose();
        socket.Dispose();
    }
}
