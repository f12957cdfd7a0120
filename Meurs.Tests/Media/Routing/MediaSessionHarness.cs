using System.Globalization;
using System.Net;
using System.Text;
using Meurs.Media.Routing;
using Meurs.Media.Rtcp;
using Meurs.Media.Rtp;
using Meurs.Media.Sdp;
using Meurs.Media.Transport;
using Meurs.Tests.Media.Transport;
using Microsoft.Extensions.Time.Testing;

namespace Meurs.Tests.Media.Routing;

/// <summary>
/// A <see cref="MediaSession"/> for real, without a browser: a <see cref="WebRtcServer"/> on 127.0.0.1 (on the system
/// clock, for ICE and DTLS), the session's Router and timers on a <see cref="FakeTimeProvider"/> that only moves when
/// a test advances it, and clients whose publish and subscribe connections are <see cref="LoopbackPeer"/>s.
/// </summary>
internal sealed class MediaSessionHarness : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly List<MediaClient> clients = [];

    public MediaSessionHarness()
    {
        Server = new WebRtcServer(new WebRtcServerOptions { ListenAddress = "127.0.0.1", Port = 0 }, TimeProvider.System);
        Session = new MediaSession(Server, Time);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 6, 0, 0, 0, TimeSpan.Zero));

    public WebRtcServer Server { get; }

    public MediaSession Session { get; }

    public MediaClient Join(string name)
    {
        var client = new MediaClient(this, name, (uint)(0x20000000 + (clients.Count * 0x100)));
        clients.Add(client);
        return client;
    }

    /// <summary>Waits, boundedly, for <paramref name="condition"/>; a hang becomes a failure with <paramref name="what"/>.</summary>
    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting until " + what);
            await Task.Delay(10);
        }
    }

    /// <summary>
    /// What a browser answers to a subscribe offer: every live section recvonly (the stopped BUNDLE tag inactive),
    /// rejected ones at port 0, DTLS active, this peer's ICE credentials and certificate.
    /// </summary>
    public static string Answer(SessionDescription offer, LoopbackPeer peer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(peer);
        var text = new StringBuilder();
        text.Append("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n");
        if (offer.BundleGroup is { } bundle)
        {
            text.Append("a=group:BUNDLE ").Append(string.Join(' ', bundle.Mids)).Append("\r\n");
        }
        text.Append("a=fingerprint:sha-256 ").Append(peer.Fingerprint.HexValue).Append("\r\n");
        foreach (var media in offer.MediaDescriptions)
        {
            var pt = media.Formats[0];
            text.Append(CultureInfo.InvariantCulture, $"m={media.Kind} {media.Port} UDP/TLS/RTP/SAVPF {pt}\r\nc=IN IP4 0.0.0.0\r\n");
            if (media.Port == 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"a=mid:{media.Mid}\r\na=inactive\r\n");
                continue;
            }
            var direction = offer.GetDirection(media) == SdpDirection.SendOnly ? "recvonly" : "inactive";
            text.Append(CultureInfo.InvariantCulture, $"a=ice-ufrag:{peer.Ufrag}\r\na=ice-pwd:{peer.Password}\r\na=setup:active\r\n");
            text.Append(CultureInfo.InvariantCulture, $"a=mid:{media.Mid}\r\na={direction}\r\na=rtcp-mux\r\n");
            text.Append(CultureInfo.InvariantCulture, $"a=rtpmap:{media.GetRtpMap(int.Parse(pt, CultureInfo.InvariantCulture))}\r\n");
        }
        return text.ToString();
    }

    /// <summary>The RTCP packets of a compound packet, parsed.</summary>
    public static List<IRtcpPacket> Parse(byte[] compound)
    {
        var packets = new List<IRtcpPacket>();
        foreach (var packet in new RtcpCompoundReader(compound))
        {
            if (RtcpPacketParser.TryParse(packet.Data, out var parsed))
            {
                packets.Add(parsed);
            }
        }
        return packets;
    }

    public async ValueTask DisposeAsync()
    {
        Session.Dispose();
        foreach (var client in clients)
        {
            client.Dispose();
        }
        await Server.DisposeAsync();
    }

    internal IPEndPoint ServerEndPoint => Server.AnnouncedEndPoint;
}

/// <summary>
/// One client of a <see cref="MediaSessionHarness"/>: a media <see cref="Peer"/> and the two connections a browser
/// would make. It publishes a microphone (mid 0, audio level as extension 1) and a camera (mid 1), both with the
/// transport-wide sequence number as extension 3, and answers subscribe offers.
/// </summary>
internal sealed class MediaClient : IDisposable
{
    public const byte AudioLevelId = 1;
    public const byte TransportCcId = 3;

    private readonly MediaSessionHarness harness;
    private readonly uint ssrcBase;
    private readonly Queue<SubscribeOffer> offers = new();
    private readonly Dictionary<uint, ushort> sequences = [];
    private ushort transportSequence;

    public MediaClient(MediaSessionHarness harness, string name, uint ssrcBase)
    {
        this.harness = harness;
        this.ssrcBase = ssrcBase;
        Peer = harness.Session.CreatePeer(name, "cname-" + name);
        Peer.SubscribeOffered += (_, offer) => offers.Enqueue(offer);
    }

    public Peer Peer { get; }

    public uint MicSsrc => ssrcBase + 1;

    public uint CameraSsrc => ssrcBase + 2;

    public LoopbackPeer Publisher { get; } = new();

    public LoopbackPeer Subscriber { get; } = new();

    /// <summary>Publishes the microphone and the camera, and connects the publish transport.</summary>
    public void Publish()
    {
        var local = new SdpLocalTransport(Publisher.Ufrag, Publisher.Password, Publisher.Fingerprint, []);
        SdpExtmap[] extensions = [new(AudioLevelId, SdpHeaderExtensionCapability.AudioLevelUri), new(TransportCcId, SdpHeaderExtensionCapability.TransportWideCcUri)];
        var offer = new SdpOfferBuilder(local).Build(
        [
            new SdpOfferMedia("0", "audio", new SdpRtpMap(111, "opus", 48000, 2), MicSsrc, "c" + ssrcBase, new SdpMsid("s", "mic"),
                "minptime=10;useinbandfec=1", feedback: [SdpCodecCapability.TransportCc], headerExtensions: extensions),
            new SdpOfferMedia("1", "video", new SdpRtpMap(96, "VP8", 90000), CameraSsrc, "c" + ssrcBase, new SdpMsid("s", "camera"),
                feedback: [.. SdpServerCapabilities.VideoFeedback, SdpCodecCapability.TransportCc], headerExtensions: [extensions[1]]),
        ]);
        Assert.True(Peer.TryPublish(offer.ToString(), (mid, _) => mid == "0" ? "mic" : "camera", 4, out var answer, out var error), error);
        Assert.True(SessionDescription.TryParse(answer.Sdp, out var parsed, out error), error);
        Assert.True(SdpRemoteParameters.TryExtract(parsed!, out var remote, out error), error);
        Connect(Publisher, remote.IceUfrag, remote.IcePwd);
    }

    /// <summary>Answers the oldest subscribe offer not yet answered, connecting the subscribe transport the first time.</summary>
    public SubscribeOffer AnswerOffer()
    {
        Assert.True(offers.TryDequeue(out var offer), "no subscribe offer is waiting");
        Assert.True(SessionDescription.TryParse(offer.Sdp, out var parsed, out var error), error);
        var first = Subscriber.Dtls is null;
        Assert.True(Peer.TryAnswerSubscribe(MediaSessionHarness.Answer(parsed!, Subscriber), out error), error);
        if (first)
        {
            Connect(Subscriber, parsed!.MediaDescriptions[0].IceUfrag ?? parsed.IceUfrag!, parsed.MediaDescriptions[0].IcePwd ?? parsed.IcePwd!);
        }
        return offer;
    }

    /// <summary>The section this client receives <paramref name="from"/>'s <paramref name="label"/> in.</summary>
    public SubscribedTrack SectionOf(MediaClient from, string label) =>
        Peer.Subscriptions.Single(s => !s.Stopped && s.Track.Owner == from.Peer && s.Track.Label == label);

    /// <summary>Sends an Opus-sized microphone packet with an audio level (−dBov) and the next transport-wide number.</summary>
    public ushort SendAudio(byte level = 127) => Send(MicSsrc, 111, [0xFC, 0xFF, 0xFE, 0x01], level);

    /// <summary>Sends a VP8 keyframe packet on the camera with the next transport-wide number.</summary>
    public ushort SendVideo() => Send(CameraSsrc, 96, [0x10, 0x50, 0x9D, 0x01, 0x2A, 0x00], null);

    /// <summary>Skips a transport-wide sequence number, as if that packet was lost on the way.</summary>
    public void LoseTransportSequenceNumber() => transportSequence++;

    /// <summary>Skips a microphone sequence number, as if that packet was lost on the way.</summary>
    public void LoseAudioPacket() => sequences[MicSsrc] = (ushort)(sequences.GetValueOrDefault(MicSsrc) + 1);

    public void SendRtcp(params IRtcpPacket[] packets) =>
        Subscriber.SendRtcp(RtcpCompoundWriter.Write(packets), harness.ServerEndPoint);

    public void Dispose()
    {
        Publisher.Dispose();
        Subscriber.Dispose();
    }

    private ushort Send(uint ssrc, byte payloadType, byte[] payload, byte? level)
    {
        var number = transportSequence++;
        // One-byte header extensions (RFC 8285 §4.2): id<<4 | length-1, then the data, padded to a word.
        List<byte> extensions = [(byte)((TransportCcId << 4) | 1), (byte)(number >> 8), (byte)number];
        if (level is { } dbov)
        {
            extensions.AddRange([(byte)(AudioLevelId << 4), (byte)(0x80 | dbov)]);
        }
        while (extensions.Count % 4 != 0)
        {
            extensions.Add(0);
        }
        var sequence = sequences[ssrc] = (ushort)(sequences.GetValueOrDefault(ssrc) + 1);
        var header = new RtpHeader
        {
            PayloadType = payloadType, SequenceNumber = sequence, Timestamp = sequence * 960u, Ssrc = ssrc, Marker = true,
            HasExtension = true, ExtensionProfile = 0xBEDE, ExtensionData = extensions.ToArray(),
        };
        Publisher.SendRtp(RtpPacketWriter.Write(header, payload), harness.ServerEndPoint);
        return sequence;
    }

    private void Connect(LoopbackPeer peer, string serverUfrag, string serverPassword)
    {
        var response = peer.Check(serverUfrag, serverPassword, harness.ServerEndPoint);
        Assert.Equal(Meurs.Media.Stun.StunClass.SuccessResponse, response.Type.Class);
        Assert.Equal(Meurs.Media.Dtls.DtlsState.Connected, peer.Handshake(harness.ServerEndPoint, harness.Server.Certificate.Fingerprint));
    }
}
