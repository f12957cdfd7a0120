using System.Collections.Concurrent;
using System.Net;
using Meurs.Media.Dtls;
using Meurs.Media.Rtcp;
using Meurs.Media.Rtp;
using Meurs.Media.Stun;
using Meurs.Media.Transport;
using Microsoft.Extensions.Time.Testing;

namespace Meurs.Tests.Media.Transport;

/// <summary>The UDP port end to end on loopback: ICE-lite checks, DTLS, SRTP both ways, and what is refused.</summary>
public sealed class WebRtcServerTests
{
    private static WebRtcServer NewServer() => new(new WebRtcServerOptions { ListenAddress = "127.0.0.1", Port = 0 }, TimeProvider.System);

    [Fact]
    public async Task Peer_ChecksHandshakesAndExchangesSrtpBothWays()
    {
        await using var server = NewServer();
        using var peer = new LoopbackPeer();
        using var transport = server.CreateTransport("t1", peer.Ufrag, peer.Password, peer.Fingerprint);
        var received = new BlockingCollection<byte[]>();
        transport.RtpReceived += (_, packet) => received.Add(packet.ToArray());

        var answer = peer.Check(transport, server.LocalEndPoint);
        Assert.Equal(StunClass.SuccessResponse, answer.Type.Class);
        Assert.True(answer.TryGetXorMappedAddress(out var mapped));
        Assert.Equal(peer.EndPoint, mapped);

        Assert.Equal(DtlsState.Connected, peer.Handshake(server.LocalEndPoint, transport.LocalFingerprint));
        await WaitForAsync(() => transport.State == WebRtcTransportState.Connected);

        var rtp = Rtp(seq: 1000, payload: "hello sfu"u8);
        peer.SendRtp(rtp, server.LocalEndPoint);
        Assert.True(received.TryTake(out var got, TimeSpan.FromSeconds(10)));
        Assert.Equal(rtp, got);

        var back = Rtp(seq: 7, payload: "hello browser"u8);
        Assert.True(transport.SendRtp(back));
        Assert.Equal(back, peer.ReceiveRtp());
        Assert.Equal(1, transport.Stats.PacketsReceived);
        Assert.Equal(1, transport.Stats.PacketsSent);
    }

    [Fact]
    public async Task SendPictureLossIndication_ReachesThePeerAsAPli()
    {
        // Transport-wide congestion feedback and reports are the Peer's (PeerRtcpTests); the transport sends the PLI.
        await using var server = NewServer();
        using var peer = new LoopbackPeer();
        using var transport = server.CreateTransport("t1", peer.Ufrag, peer.Password, peer.Fingerprint);
        Assert.False(transport.SendPictureLossIndication(0x11223344)); // not connected yet
        peer.Check(transport, server.LocalEndPoint);
        Assert.Equal(DtlsState.Connected, peer.Handshake(server.LocalEndPoint, transport.LocalFingerprint));
        await WaitForAsync(() => transport.State == WebRtcTransportState.Connected);

        Assert.True(transport.SendPictureLossIndication(0x11223344));

        var plain = peer.ReceiveRtcp(_ => true);
        Assert.True(PictureLossIndication.TryParse(plain, out var pli));
        Assert.Equal(0x11223344u, pli.MediaSsrc);
    }

    [Fact]
    public async Task MalformedPacketsMixedIntoAValidStream_AreDroppedAndCountedWithoutDisturbingIt()
    {
        await using var server = NewServer();
        using var peer = new LoopbackPeer();
        using var transport = server.CreateTransport("t1", peer.Ufrag, peer.Password, peer.Fingerprint);
        var received = new BlockingCollection<ushort>();
        transport.RtpReceived += (_, packet) => received.Add((ushort)((packet[2] << 8) | packet[3]));
        peer.Check(transport, server.LocalEndPoint);
        Assert.Equal(DtlsState.Connected, peer.Handshake(server.LocalEndPoint, transport.LocalFingerprint));
        await WaitForAsync(() => transport.State == WebRtcTransportState.Connected);
        var random = new Random(7);
        var sent = new List<ushort>();
        var bad = 0;
        var buffer = new byte[1500];

        for (var i = 0; i < 300; i++)
        {
            var seq = (ushort)(65400 + i); // across the 16-bit wrap, so the rollover counter is exercised too
            var rtp = Rtp(seq, new byte[100 + random.Next(900)]);
            Assert.True(peer.Srtp!.TryProtectRtp(rtp, buffer, out var length));
            var datagram = buffer[..length];
            if (random.Next(10) == 0)
            {
                // One in ten: the same packet damaged (a flipped byte, cut short, or random bytes that still look like RTP).
                var damaged = random.Next(3) switch
                {
                    0 => Flip(datagram, random),
                    1 => datagram[..random.Next(1, datagram.Length - 1)],
                    _ => Garbage(random),
                };
                peer.SendRaw(damaged, server.LocalEndPoint);
                bad++;
                continue;
            }
            peer.SendRaw(datagram, server.LocalEndPoint);
            sent.Add(seq);
        }

        var got = new List<ushort>();
        while (got.Count < sent.Count && received.TryTake(out var seq, TimeSpan.FromSeconds(10)))
        {
            got.Add(seq);
        }
        Assert.Equal(sent, got);
        // Damaged packets are refused by SRTP (counted on the transport) or, cut too short to classify, by the port.
        await WaitForAsync(() => transport.Stats.DroppedPackets + server.UnroutedDatagrams == bad);
        Assert.Equal(sent.Count, transport.Stats.PacketsReceived);
    }

    private static byte[] Flip(byte[] datagram, Random random)
    {
        var copy = (byte[])datagram.Clone();
        copy[12 + random.Next(copy.Length - 12)] ^= 0x40;
        return copy;
    }

    private static byte[] Garbage(Random random)
    {
        var bytes = new byte[20 + random.Next(200)];
        random.NextBytes(bytes);
        bytes[0] = 0x80; // RTP version 2: classified as RTP, so the SRTP layer must refuse it
        bytes[1] = 96;
        return bytes;
    }

    [Fact]
    public async Task BrowserStopsChecking_TransportFailsAfterThirtySecondsOfNoConsent()
    {
        // A fake clock: the server's 100 ms consent ticks fire as it is advanced, not in real time.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = new WebRtcServer(new WebRtcServerOptions { ListenAddress = "127.0.0.1" }, clock);
        using var peer = new LoopbackPeer();
        using var transport = server.CreateTransport("t1", peer.Ufrag, peer.Password, peer.Fingerprint);
        peer.Check(transport, server.LocalEndPoint);
        Assert.Equal(DtlsState.Connected, peer.Handshake(server.LocalEndPoint, transport.LocalFingerprint));
        await WaitForAsync(() => transport.State == WebRtcTransportState.Connected);

        clock.Advance(TimeSpan.FromSeconds(20));
        peer.Check(transport, server.LocalEndPoint); // a consent check (RFC 7675 §5.1) renews it
        clock.Advance(TimeSpan.FromSeconds(20));
        // 200 ticks have run: 20 s since the last check is still within consent.
        Assert.Equal(WebRtcTransportState.Connected, transport.State);

        clock.Advance(TimeSpan.FromSeconds(10));

        await WaitForAsync(() => transport.State == WebRtcTransportState.Failed);
        Assert.Contains("consent", transport.FailureReason, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, server.TransportCount);
        Assert.False(transport.SendRtp(Rtp(seq: 1, payload: "x"u8)));
    }

    [Fact]
    public async Task Check_WrongPassword_Gets401AndClaimsNoTuple()
    {
        await using var server = NewServer();
        using var peer = new LoopbackPeer();
        using var transport = server.CreateTransport("t1", peer.Ufrag, peer.Password, peer.Fingerprint);

        var answer = peer.Check(transport, server.LocalEndPoint, password: "not-the-password-0123456789");

        Assert.Equal(StunClass.ErrorResponse, answer.Type.Class);
        Assert.True(answer.TryGetErrorCode(out var code, out _));
        Assert.Equal(401, code);
        Assert.Null(transport.RemoteEndPoint);
        Assert.Equal(WebRtcTransportState.New, transport.State);
    }

    [Fact]
    public async Task DatagramsFromAnUnknownTuple_AreDroppedAndCounted()
    {
        await using var server = NewServer();
        using var stranger = new LoopbackPeer();
        stranger.SendRaw(Rtp(seq: 1, payload: "x"u8), server.LocalEndPoint);
        stranger.SendRaw([22, 0xFE, 0xFD, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0], server.LocalEndPoint); // a DTLS record header
        stranger.SendRaw([0xFF, 0xFF], server.LocalEndPoint); // unclassifiable

        await WaitForAsync(() => server.UnroutedDatagrams == 3);
    }

    [Fact]
    public async Task Handshake_CertificateNotTheOneInTheSdp_FailsTheTransport()
    {
        await using var server = NewServer();
        using var peer = new LoopbackPeer();
        using var other = DtlsCertificate.Create();
        using var transport = server.CreateTransport("t1", peer.Ufrag, peer.Password, other.Fingerprint);
        var states = new ConcurrentQueue<WebRtcTransportState>();
        transport.StateChanged += (_, s) => states.Enqueue(s);
        peer.Check(transport, server.LocalEndPoint);

        peer.Handshake(server.LocalEndPoint, transport.LocalFingerprint);

        await WaitForAsync(() => transport.State == WebRtcTransportState.Failed);
        Assert.NotNull(transport.FailureReason);
        Assert.Contains(WebRtcTransportState.Failed, states);
        Assert.False(transport.SendRtp(Rtp(seq: 1, payload: "x"u8)));
        Assert.Equal(0, server.TransportCount);
    }

    [Fact]
    public async Task Close_RemovesTheTransport_LaterDatagramsAreUnrouted()
    {
        await using var server = NewServer();
        using var peer = new LoopbackPeer();
        var transport = server.CreateTransport("t1", peer.Ufrag, peer.Password, peer.Fingerprint);
        peer.Check(transport, server.LocalEndPoint);
        Assert.Equal(DtlsState.Connected, peer.Handshake(server.LocalEndPoint, transport.LocalFingerprint));
        await WaitForAsync(() => transport.State == WebRtcTransportState.Connected);

        transport.Dispose();
        var before = server.UnroutedDatagrams;
        peer.SendRtp(Rtp(seq: 2, payload: "late"u8), server.LocalEndPoint);

        await WaitForAsync(() => server.UnroutedDatagrams == before + 1);
        Assert.Equal(WebRtcTransportState.Closed, transport.State);
        Assert.Equal(0, server.TransportCount);
    }

    internal static byte[] Rtp(ushort seq, ReadOnlySpan<byte> payload, uint ssrc = 0x11223344, byte payloadType = 111) =>
        RtpPacketWriter.Write(new RtpHeader { PayloadType = payloadType, SequenceNumber = seq, Timestamp = 160, Ssrc = ssrc }, payload);

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition never held");
            await Task.Delay(20);
        }
    }
}
