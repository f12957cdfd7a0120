using System.Net;
using System.Threading.Channels;
using Meurs.Media.Dtls;
using Meurs.Media.Rtp;
using Meurs.Media.Sdp;
using Meurs.Media.Transport;
using Meurs.Tests.Media.Routing;
using Meurs.Tests.Media.Transport;
using Meurs.Web.Features.Calls;
using Microsoft.Extensions.Logging.Abstractions;

namespace Meurs.Tests.Web.Calls;

/// <summary>
/// A call's media for real, without a browser: a <see cref="CallRouter"/> on a <see cref="WebRtcServer"/> bound to
/// 127.0.0.1, and participants whose publish and subscribe connections are <see cref="LoopbackPeer"/>s (ICE, DTLS and
/// SRTP in the client roles). Participants publish a microphone and a camera with SSRCs of their own, answer subscribe
/// offers, and send RTP; the tests count what the SFU forwards at each Consumer.
/// </summary>
internal sealed class CallMediaHarness : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly List<CallMediaParticipant> participants = [];

    public CallMediaHarness()
    {
        Server = new WebRtcServer(new WebRtcServerOptions { ListenAddress = "127.0.0.1", Port = 0 }, TimeProvider.System);
        Router = new CallRouter("call", Server, TimeProvider.System, NullLogger.Instance);
    }

    public WebRtcServer Server { get; }

    public CallRouter Router { get; }

    /// <summary>Adds a participant to the call (not yet publishing).</summary>
    public CallMediaParticipant Join(string name)
    {
        var participant = new CallMediaParticipant(this, name, (uint)(0x10000000 + (participants.Count * 0x100)));
        Router.AddPeer(participant.ConnectionId, participant.UserId, name, offer => participant.Inbox(CallJson.SubscribeOffer(offer.Sdp, offer.Tracks)));
        participants.Add(participant);
        return participant;
    }

    public async ValueTask DisposeAsync()
    {
        Router.Dispose();
        foreach (var participant in participants)
        {
            participant.Dispose();
        }
        await Server.DisposeAsync();
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

    /// <summary>What a browser answers to a subscribe offer (see <see cref="MediaSessionHarness.Answer"/>).</summary>
    public static string Answer(SessionDescription offer, LoopbackPeer peer) => MediaSessionHarness.Answer(offer, peer);

    internal IPEndPoint ServerEndPoint => Server.AnnouncedEndPoint;
}

/// <summary>One participant of a <see cref="CallMediaHarness"/>: the signalling messages it got, and its two connections.</summary>
internal sealed class CallMediaParticipant(CallMediaHarness call, string name, uint ssrcBase) : IDisposable
{
    private readonly Channel<string> messages = Channel.CreateUnbounded<string>();
    private ushort sequence;

    public string Name { get; } = name;

    public Guid ConnectionId { get; } = Guid.NewGuid();

    public Guid UserId { get; } = Guid.NewGuid();

    /// <summary>The microphone's SSRC in this participant's publish offer.</summary>
    public uint MicSsrc => ssrcBase + 1;

    /// <summary>The camera's SSRC in this participant's publish offer.</summary>
    public uint CameraSsrc => ssrcBase + 2;

    public LoopbackPeer Publisher { get; } = new();

    public LoopbackPeer Subscriber { get; } = new();

    /// <summary>The latest subscribe offer answered (its JSON <c>tracks</c> included).</summary>
    public System.Text.Json.JsonElement? LastOffer { get; private set; }

    public void Inbox(string message) => messages.Writer.TryWrite(message);

    /// <summary>Publishes a microphone (mid 0) and a camera or screen (mid 1), and connects the publish transport.</summary>
    public void Publish(string videoSource = "camera")
    {
        var local = new SdpLocalTransport(Publisher.Ufrag, Publisher.Password, Publisher.Fingerprint, []);
        var offer = new SdpOfferBuilder(local).Build(
        [
            new SdpOfferMedia("0", "audio", new SdpRtpMap(111, "opus", 48000, 2), MicSsrc, "c" + ssrcBase, new SdpMsid("s", "mic"), "minptime=10;useinbandfec=1"),
            new SdpOfferMedia("1", "video", new SdpRtpMap(96, "VP8", 90000), CameraSsrc, "c" + ssrcBase, new SdpMsid("s", "camera"),
                feedback: [new SdpRtcpFeedback(null, "nack"), new SdpRtcpFeedback(null, "nack", "pli")]),
        ]);
        var (answerText, refusal) = call.Router.Publish(ConnectionId, offer.ToString(), new Dictionary<string, string> { ["0"] = "mic", ["1"] = videoSource });
        Assert.True(refusal is null, refusal?.Detail);
        Assert.True(SessionDescription.TryParse(answerText!, out var answer, out var error), error);
        Assert.True(SdpRemoteParameters.TryExtract(answer!, out var remote, out error), error);
        Connect(Publisher, remote.IceUfrag, remote.IcePwd);
    }

    /// <summary>Reads signalling until a subscribe offer arrives, answers it, and connects the subscribe transport the first time.</summary>
    public async Task<System.Text.Json.JsonElement> AnswerNextOfferAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var text = await messages.Reader.ReadAsync(timeout.Token);
            var message = System.Text.Json.JsonDocument.Parse(text).RootElement;
            if (message.GetProperty("type").GetString() != "subscribe-offer")
            {
                continue;
            }
            Assert.True(SessionDescription.TryParse(message.GetProperty("sdp").GetString()!, out var offer, out var error), error);
            var first = Subscriber.Dtls is null;
            Assert.Null(call.Router.AnswerSubscribe(ConnectionId, CallMediaHarness.Answer(offer!, Subscriber)));
            if (first)
            {
                Connect(Subscriber, offer!.MediaDescriptions[0].IceUfrag ?? offer.IceUfrag!, offer.MediaDescriptions[0].IcePwd ?? offer.IcePwd!);
            }
            LastOffer = message;
            return message;
        }
    }

    /// <summary>Sends <paramref name="count"/> RTP packets on the microphone (Opus-sized payloads).</summary>
    public void SendAudio(int count)
    {
        for (var i = 0; i < count; i++)
        {
            Send(MicSsrc, 111, [0xFC, 0xFF, 0xFE, (byte)i]);
        }
    }

    /// <summary>Sends <paramref name="count"/> VP8 keyframe packets on the camera or screen (so no Consumer waits for one).</summary>
    public void SendVideo(int count)
    {
        for (var i = 0; i < count; i++)
        {
            Send(CameraSsrc, 96, [0x10, 0x50, 0x9D, 0x01, 0x2A, (byte)i]);
        }
    }

    /// <summary>The Consumer this participant receives <paramref name="from"/>'s <paramref name="source"/> through.</summary>
    public Meurs.Media.Routing.Consumer ConsumerOf(CallMediaParticipant from, string source) =>
        call.Router.SubscriptionsOf(ConnectionId).Single(s => !s.Stopped && s.Track.Owner.Cname == from.UserId.ToString("N") && s.Track.Label == source).Consumer;

    private void Send(uint ssrc, byte payloadType, byte[] payload)
    {
        var packet = RtpPacketWriter.Write(new RtpHeader { PayloadType = payloadType, SequenceNumber = ++sequence, Timestamp = sequence * 960u, Ssrc = ssrc, Marker = true }, payload);
        Publisher.SendRtp(packet, call.ServerEndPoint);
    }

    private void Connect(LoopbackPeer peer, string serverUfrag, string serverPassword)
    {
        var response = peer.Check(serverUfrag, serverPassword, call.ServerEndPoint);
        Assert.Equal(Meurs.Media.Stun.StunClass.SuccessResponse, response.Type.Class);
        Assert.Equal(Meurs.Media.Dtls.DtlsState.Connected, peer.Handshake(call.ServerEndPoint, call.Server.Certificate.Fingerprint));
    }

    public void Dispose()
    {
        Publisher.Dispose();
        Subscriber.Dispose();
    }
}
