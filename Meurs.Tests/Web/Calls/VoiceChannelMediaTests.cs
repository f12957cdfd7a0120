using System.Net.WebSockets;
using Meurs.Tests.Web.Support;
using Meurs.Web.Features.Calls;
using Meurs.Web.Features.Servers;
using Meurs.Web.Realtime;
using Microsoft.Extensions.DependencyInjection;

namespace Meurs.Tests.Web.Calls;

/// <summary>
/// A voice channel's call with real media through the app (ICE, DTLS and SRTP on 127.0.0.1, counted at the SFU's
/// Consumers): Speak decides who may publish, and losing Connect ends someone's session at once while the others go on.
/// </summary>
public sealed class VoiceChannelMediaTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    [Fact]
    public async Task WithoutSpeak_PublishIsRefused_CameraAndScreenCannotBeClaimed_ButTheyHearAndSee()
    {
        using var scene = await VoiceChannelScene.CreateAsync(factory);
        var ann = await scene.MemberAsync("ann");
        var cat = await scene.MemberAsync("cat");
        await scene.DenyAsync(cat, scene.VoiceChannelId, Permissions.Speak);
        await using var annClient = await VoiceMediaClient.JoinAsync(factory, scene, ann, 0x10000000);
        await using var catClient = await VoiceMediaClient.JoinAsync(factory, scene, cat, 0x20000000);

        await catClient.Socket.SendJsonAsync(new { type = "publish", sdp = catClient.Offer(), sources = new Dictionary<string, string> { ["0"] = "mic", ["1"] = "camera" } });
        var refused = await catClient.UntilAsync(m => JsonRoomSocket.TypeOf(m) == "error");
        Assert.Equal("cannot_speak", JsonRoomSocket.Str(refused, "code"));
        Assert.DoesNotContain(catClient.Socket.Received, m => JsonRoomSocket.TypeOf(m) == "publish-answer");

        // A camera or a screen share cannot be claimed; muting is theirs to say.
        await catClient.Socket.SendJsonAsync(new { type = "state", is_sharing_webcam = true, is_sharing_screen = true, is_muted = true });
        Assert.Equal("cannot_speak", JsonRoomSocket.Str(await catClient.UntilAsync(m => JsonRoomSocket.TypeOf(m) == "error"), "code"));
        var state = (await annClient.UntilAsync(m => JsonRoomSocket.TypeOf(m) == "voice.state_changed")).GetProperty("data");
        Assert.Equal([true, false, false, false], VoiceChannelSocketTests.Flags(state));
        var present = factory.Services.GetRequiredService<PresenceService>().Present(scene.Call).Single(p => p.UserId == cat.Id);
        Assert.Equal(new CallMediaState(Muted: true, Deafened: false, Camera: false, Screen: false), present.State);

        // Listening and watching work: Ann publishes, Cat receives her microphone and camera.
        await annClient.PublishAsync();
        var offer = await catClient.ReceivesAsync(annClient);
        Assert.Equal(["camera", "mic"], offer.GetProperty("tracks").EnumerateArray().Select(t => t.GetProperty("source").GetString()).Order());
        await annClient.HeardByAsync(catClient);
        Assert.DoesNotContain(annClient.Subscriptions(), s => s.Track.Owner.Cname == cat.Id.ToString("N"));
    }

    [Fact]
    public async Task LosingConnect_EndsTheirSessionAtOnce_AndTheOthersStillHearEachOther()
    {
        using var scene = await VoiceChannelScene.CreateAsync(factory);
        var ann = await scene.MemberAsync("ann");
        var ben = await scene.MemberAsync("ben");
        var cat = await scene.MemberAsync("cat");
        await using var annClient = await VoiceMediaClient.JoinAsync(factory, scene, ann, 0x10000000);
        await using var benClient = await VoiceMediaClient.JoinAsync(factory, scene, ben, 0x20000000);
        await using var catClient = await VoiceMediaClient.JoinAsync(factory, scene, cat, 0x30000000);
        await annClient.PublishAsync();
        await benClient.PublishAsync();
        await catClient.PublishAsync();
        foreach (var (listener, speakers) in new[] { (annClient, new[] { benClient, catClient }), (benClient, [annClient, catClient]), (catClient, [annClient, benClient]) })
        {
            foreach (var speaker in speakers)
            {
                await listener.ReceivesAsync(speaker);
            }
        }
        await catClient.HeardByAsync(annClient);
        await annClient.HeardByAsync(catClient);

        // An administrator takes Connect away from Cat (an override on the channel), and the servers' use case asks the fabric again.
        await scene.DenyAsync(cat, scene.VoiceChannelId, Permissions.Connect);
        var ended = await factory.Services.GetRequiredService<RealtimeHub>().ReauthorizeAsync(c => c == scene.Call);

        Assert.Equal(1, ended);
        var revoked = await catClient.UntilAsync(m => JsonRoomSocket.TypeOf(m) == "access.revoked");
        Assert.Equal(scene.Call.ToString(), revoked.GetProperty("data").GetProperty("channel").GetString());
        Assert.Equal(AccessRevoked.ProgramCode, await catClient.Socket.ReceiveCloseAsync());
        await catClient.Socket.CloseAsync(); // answering the close frame, as browsers and WebSocket libraries do
        foreach (var other in new[] { annClient, benClient })
        {
            var list = await other.UntilAsync(m => JsonRoomSocket.TypeOf(m) == "participants" && m.GetProperty("participants").GetArrayLength() < 3);
            Assert.Equal([ann.Name, ben.Name], list.GetProperty("participants").EnumerateArray().Select(p => p.GetProperty("user").GetString()));
            var left = await other.UntilAsync(m => JsonRoomSocket.TypeOf(m) == "voice.user_left");
            Assert.Equal(cat.IdText, left.GetProperty("data").GetProperty("user_id").GetString());
        }
        Assert.Equal([ann.Id, ben.Id], factory.Services.GetRequiredService<PresenceService>().Present(scene.Call).Select(p => p.UserId));

        // The two left still hear each other; Cat's tracks are gone from their connections.
        await annClient.HeardByAsync(benClient);
        await benClient.HeardByAsync(annClient);
        Assert.DoesNotContain(annClient.Subscriptions(), s => !s.Stopped && s.Track.Owner.Cname == cat.Id.ToString("N"));
        Assert.Equal(403, await JsonRoomSocket.RefusedStatusAsync(factory, scene.ApiPath, "Bearer " + cat.Token));
        Assert.Equal(WebSocketState.Open, annClient.Socket.Socket.State);
    }
}
