using System.Text.Json;
using Meurs.Media.Routing;
using Meurs.Media.Rtp;
using Meurs.Media.Sdp;
using Meurs.Media.Transport;
using Meurs.Tests.Media.Transport;
using Meurs.Tests.Web.Support;
using Meurs.Web.Features.Calls;
using Meurs.Web.Realtime;
using Microsoft.Extensions.DependencyInjection;

namespace Meurs.Tests.Web.Calls;

/// <summary>
/// A program in a voice channel's call with real media, as <see cref="CallMediaParticipant"/> but through the app:
/// it signals over <c>/api/ws/voice/{channel_id}</c>, and its publish and subscribe connections are
/// <see cref="LoopbackPeer"/>s talking ICE, DTLS and SRTP with the app's own <see cref="WebRtcServer"/>. Every wait
/// answers the subscribe offers that arrive meanwhile, as a browser does.
/// </summary>
internal sealed class VoiceMediaClient : IAsyncDisposable
{
    private readonly MeursFactory factory;
    private readonly VoiceChannelScene scene;
    private readonly uint ssrcBase;
    private readonly Queue<JsonElement> pending = new();
    private ushort sequence;
    private JsonElement? lastAnswered;

    private VoiceMediaClient(MeursFactory factory, VoiceChannelScene scene, VoicePerson person, JsonRoomSocket socket, uint ssrcBase)
    {
        this.factory = factory;
        this.scene = scene;
        this.ssrcBase = ssrcBase;
        Person = person;
        Socket = socket;
    }

    public VoicePerson Person { get; }

    public JsonRoomSocket Socket { get; }

    public LoopbackPeer Publisher { get; } = new();

    public LoopbackPeer Subscriber { get; } = new();

    private uint MicSsrc => ssrcBase + 1;

    private WebRtcServer Server => factory.Services.GetRequiredService<WebRtcServer>();

    /// <summary>Joins the call and reads up to its <c>voice.members</c>.</summary>
    public static async Task<VoiceMediaClient> JoinAsync(MeursFactory factory, VoiceChannelScene scene, VoicePerson person, uint ssrcBase)
    {
        var socket = await JsonRoomSocket.ConnectAsync(factory, scene.ApiPath, person.Name, person.Token);
        var client = new VoiceMediaClient(factory, scene, person, socket, ssrcBase);
        await client.UntilAsync(m => JsonRoomSocket.TypeOf(m) == "voice.members");
        return client;
    }

    /// <summary>The publish offer of a microphone (mid 0) and a camera (mid 1).</summary>
    public string Offer()
    {
        var local = new SdpLocalTransport(Publisher.Ufrag, Publisher.Password, Publisher.Fingerprint, []);
        return new SdpOfferBuilder(local).Build(
        [
            new SdpOfferMedia("0", "audio", new SdpRtpMap(111, "opus", 48000, 2), MicSsrc, "c" + ssrcBase, new SdpMsid("s", "mic"), "minptime=10;useinbandfec=1"),
            new SdpOfferMedia("1", "video", new SdpRtpMap(96, "VP8", 90000), ssrcBase + 2, "c" + ssrcBase, new SdpMsid("s", "camera"),
                feedback: [new SdpRtcpFeedback(null, "nack"), new SdpRtcpFeedback(null, "nack", "pli")]),
        ]).ToString();
    }

    /// <summary>Publishes <see cref="Offer"/> and connects the publish transport.</summary>
    public async Task PublishAsync()
    {
        await Socket.SendJsonAsync(new { type = "publish", sdp = Offer(), sources = new Dictionary<string, string> { ["0"] = "mic", ["1"] = "camera" } });
        var answered = await UntilAsync(m => JsonRoomSocket.TypeOf(m) is "publish-answer" or "error");
        Assert.True(JsonRoomSocket.TypeOf(answered) == "publish-answer", answered.ToString());
        Assert.True(SessionDescription.TryParse(JsonRoomSocket.Str(answered, "sdp")!, out var answer, out var error), error);
        Assert.True(SdpRemoteParameters.TryExtract(answer!, out var remote, out error), error);
        Connect(Publisher, remote.IceUfrag, remote.IcePwd);
    }

    /// <summary>Reads messages, answering subscribe offers, up to and including the first that matches <paramref name="predicate"/>.</summary>
    public async Task<JsonElement> UntilAsync(Func<JsonElement, bool> predicate)
    {
        while (true)
        {
            var message = pending.Count > 0 ? pending.Dequeue() : await Socket.ReceiveAsync();
            if (JsonRoomSocket.TypeOf(message) == "subscribe-offer")
            {
                await AnswerAsync(message);
            }
            if (predicate(message))
            {
                return message;
            }
        }
    }

    /// <summary>The last subscribe offer answered if it carries <paramref name="from"/>'s microphone, else the next such offer, answered.</summary>
    public async Task<JsonElement> ReceivesAsync(VoiceMediaClient from)
    {
        bool Carries(JsonElement m) => JsonRoomSocket.TypeOf(m) == "subscribe-offer"
            && m.GetProperty("tracks").EnumerateArray().Any(t => t.GetProperty("user_id").GetGuid() == from.Person.Id && t.GetProperty("source").GetString() == "mic");
        return lastAnswered is { } answered && Carries(answered) ? answered : await UntilAsync(Carries);
    }

    /// <summary>Sends microphone packets, one at a time, until the SFU has forwarded five more to <paramref name="to"/>.</summary>
    public async Task HeardByAsync(VoiceMediaClient to)
    {
        var consumer = to.ConsumerOf(this, "mic");
        var start = consumer.PacketsSent;
        await CallMediaHarness.UntilAsync(() =>
        {
            Send(MicSsrc, 111, [0xFC, 0xFF, 0xFE, (byte)sequence]);
            return consumer.PacketsSent >= start + 5;
        }, $"{to.Person.Name} hears {Person.Name}");
    }

    /// <summary>The Consumer through which this client receives <paramref name="from"/>'s <paramref name="source"/>.</summary>
    public Consumer ConsumerOf(VoiceMediaClient from, string source) =>
        Subscriptions().Single(s => !s.Stopped && s.Track.Owner.Cname == from.Person.Id.ToString("N") && s.Track.Label == source).Consumer;

    /// <summary>The live sections of this client's subscribe connection, as the app's router has them.</summary>
    public IReadOnlyList<SubscribedTrack> Subscriptions()
    {
        var connection = factory.Services.GetRequiredService<RealtimeHub>().Subscribers(scene.Call).Single(c => c.UserId == Person.Id);
        var router = factory.Services.GetRequiredService<CallRouters>().Find(scene.Call.Id);
        Assert.NotNull(router);
        return router.SubscriptionsOf(connection.Id);
    }

    public async ValueTask DisposeAsync()
    {
        await Socket.DisposeAsync();
        Publisher.Dispose();
        Subscriber.Dispose();
    }

    private async Task AnswerAsync(JsonElement message)
    {
        Assert.True(SessionDescription.TryParse(JsonRoomSocket.Str(message, "sdp")!, out var offer, out var error), error);
        var first = Subscriber.Dtls is null;
        await Socket.SendJsonAsync(new { type = "subscribe-answer", sdp = CallMediaHarness.Answer(offer!, Subscriber) });
        lastAnswered = message;
        if (first)
        {
            // The socket's messages are handled in order: once a second answer is refused, the first was applied and the
            // server knows this peer's DTLS fingerprint. It is refused as unexpected, or as a bad answer to the next
            // offer if one went out meanwhile (only after the first was answered). What arrives meanwhile is kept.
            await Socket.SendJsonAsync(new { type = "subscribe-answer", sdp = "v=0" });
            while (true)
            {
                var next = await Socket.ReceiveAsync();
                if (JsonRoomSocket.TypeOf(next) == "error")
                {
                    Assert.Contains(JsonRoomSocket.Str(next, "code"), new[] { "unexpected_answer", "bad_sdp" });
                    break;
                }
                pending.Enqueue(next);
            }
            Connect(Subscriber, offer!.MediaDescriptions[0].IceUfrag ?? offer.IceUfrag!, offer.MediaDescriptions[0].IcePwd ?? offer.IcePwd!);
        }
    }

    private void Connect(LoopbackPeer peer, string serverUfrag, string serverPassword)
    {
        var response = peer.Check(serverUfrag, serverPassword, Server.AnnouncedEndPoint);
        Assert.Equal(Meurs.Media.Stun.StunClass.SuccessResponse, response.Type.Class);
        Assert.Equal(Meurs.Media.Dtls.DtlsState.Connected, peer.Handshake(Server.AnnouncedEndPoint, Server.Certificate.Fingerprint));
    }

    private void Send(uint ssrc, byte payloadType, byte[] payload)
    {
        var packet = RtpPacketWriter.Write(new RtpHeader { PayloadType = payloadType, SequenceNumber = ++sequence, Timestamp = sequence * 960u, Ssrc = ssrc, Marker = true }, payload);
        Publisher.SendRtp(packet, Server.AnnouncedEndPoint);
    }
}
