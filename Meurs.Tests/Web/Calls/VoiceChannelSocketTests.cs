using System.Net.WebSockets;
using System.Text.Json;
using Meurs.Tests.Web.Support;
using Meurs.Web.Features.Servers;
using Meurs.Web.Realtime;
using Microsoft.Extensions.DependencyInjection;

namespace Meurs.Tests.Web.Calls;

/// <summary>
/// A server voice channel's call: the Chat system's <c>/api/ws/voice/{channel_id}</c> (bearer) with its <c>voice.*</c>
/// envelopes, the page socket <c>/ws/voice/{id}</c> (cookie) on the same call, and who the channel's policy admits.
/// </summary>
public sealed class VoiceChannelSocketTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    [Fact]
    public async Task Connect_Member_GetsVoiceMembersFirst_NamingThemselves()
    {
        using var scene = await VoiceChannelScene.CreateAsync(factory);
        var ann = await scene.MemberAsync("ann");

        await using var socket = await ConnectAsync(scene, ann);

        var first = await socket.ReceiveAsync();
        Assert.Equal("voice.members", JsonRoomSocket.TypeOf(first));
        var member = Assert.Single(first.GetProperty("data").EnumerateArray());
        Assert.Equal(ann.IdText, member.GetProperty("user_id").GetString());
        Assert.Equal(ann.Name, member.GetProperty("username").GetString());
        Assert.Equal([false, false, false, false], Flags(member));
        Assert.Equal(ann.Name, Assert.Single(factory.Services.GetRequiredService<PresenceService>().Present(scene.Call)).UserName);
    }

    [Fact]
    public async Task SecondMember_TheFirstGetsUserJoined_AndTheSecondsListHasBoth()
    {
        using var scene = await VoiceChannelScene.CreateAsync(factory);
        var ann = await scene.MemberAsync("ann");
        var ben = await scene.MemberAsync("ben");
        await using var annSocket = await JoinAsync(scene, ann);

        await using var benSocket = await ConnectAsync(scene, ben);

        var joined = (await annSocket.ReceiveUntilAsync(e => JsonRoomSocket.TypeOf(e) == "voice.user_joined"))[^1];
        Assert.Equal(ben.IdText, joined.GetProperty("data").GetProperty("user_id").GetString());
        Assert.Equal(ben.Name, joined.GetProperty("data").GetProperty("username").GetString());
        var list = await benSocket.ReceiveAsync();
        Assert.Equal("voice.members", JsonRoomSocket.TypeOf(list));
        Assert.Equal([ann.IdText, ben.IdText], list.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("user_id").GetString()));
        // Nobody is told of their own arrival.
        await benSocket.SendJsonAsync(new { type = "state", is_muted = true });
        await benSocket.ReceiveUntilAsync(e => JsonRoomSocket.TypeOf(e) == "voice.state_changed");
        Assert.DoesNotContain(benSocket.Received, e => JsonRoomSocket.TypeOf(e) == "voice.user_joined");
    }

    [Fact]
    public async Task StateChanges_BroadcastVoiceStateChanged_WithEachFlag()
    {
        using var scene = await VoiceChannelScene.CreateAsync(factory);
        var ann = await scene.MemberAsync("ann");
        var ben = await scene.MemberAsync("ben");
        await using var annSocket = await JoinAsync(scene, ann);
        await using var benSocket = await JoinAsync(scene, ben);
        await annSocket.ReceiveUntilAsync(e => JsonRoomSocket.TypeOf(e) == "voice.user_joined");

        // One flag at a time (the others keep their values), as the Chat clients send them.
        (object Message, bool[] Expected)[] steps =
        [
            (new { type = "state", is_muted = true }, [true, false, false, false]),
            (new { type = "state", is_sharing_screen = true }, [true, false, true, false]),
            (new { type = "state", is_sharing_webcam = true }, [true, false, true, true]),
            (new { type = "state", is_muted = false }, [false, false, true, true]),
            (new { type = "state", is_deafened = true }, [true, true, true, true]), // deafened implies muted
            (new { type = "state", is_muted = false, is_deafened = false, is_sharing_screen = false, is_sharing_webcam = false }, [false, false, false, false]),
        ];
        foreach (var (message, expected) in steps)
        {
            await benSocket.SendJsonAsync(message);
            foreach (var socket in new[] { annSocket, benSocket })
            {
                var changed = (await socket.ReceiveUntilAsync(e => JsonRoomSocket.TypeOf(e) == "voice.state_changed"))[^1].GetProperty("data");
                Assert.Equal(ben.IdText, changed.GetProperty("user_id").GetString());
                Assert.Equal(expected, Flags(changed));
            }
        }
    }

    [Fact]
    public async Task Disconnect_TheOthersGetUserLeft()
    {
        using var scene = await VoiceChannelScene.CreateAsync(factory);
        var ann = await scene.MemberAsync("ann");
        var ben = await scene.MemberAsync("ben");
        await using var annSocket = await JoinAsync(scene, ann);
        var benSocket = await JoinAsync(scene, ben);
        await annSocket.ReceiveUntilAsync(e => JsonRoomSocket.TypeOf(e) == "voice.user_joined");

        await benSocket.DisposeAsync();

        var left = (await annSocket.ReceiveUntilAsync(e => JsonRoomSocket.TypeOf(e) == "voice.user_left"))[^1];
        Assert.Equal(ben.IdText, left.GetProperty("data").GetProperty("user_id").GetString());
        Assert.Single(annSocket.Received, e => JsonRoomSocket.TypeOf(e) == "voice.user_left");
        Assert.Equal(ann.Name, Assert.Single(factory.Services.GetRequiredService<PresenceService>().Present(scene.Call)).UserName);
    }

    [Fact]
    public async Task Refusals_BeforeTheUpgrade_AsTheChannelsPolicySays()
    {
        using var scene = await VoiceChannelScene.CreateAsync(factory);
        var member = await scene.MemberAsync("mem");
        var outsider = await scene.OutsiderAsync("out");
        var blind = await scene.MemberAsync("bli");
        await scene.DenyAsync(blind, scene.VoiceChannelId, Permissions.ViewChannel);
        var unplugged = await scene.MemberAsync("unp");
        await scene.DenyAsync(unplugged, scene.VoiceChannelId, Permissions.Connect);
        var bearer = "Bearer " + member.Token;

        Assert.Equal(400, await JsonRoomSocket.RefusedStatusAsync(factory, $"/api/ws/voice/{scene.TextChannelId}", bearer)); // not_voice
        Assert.Equal(403, await JsonRoomSocket.RefusedStatusAsync(factory, scene.ApiPath, "Bearer " + outsider.Token)); // open server
        Assert.Equal(404, await JsonRoomSocket.RefusedStatusAsync(factory, scene.ApiPath, "Bearer " + blind.Token));
        Assert.Equal(403, await JsonRoomSocket.RefusedStatusAsync(factory, scene.ApiPath, "Bearer " + unplugged.Token));
        Assert.Equal(404, await JsonRoomSocket.RefusedStatusAsync(factory, $"/api/ws/voice/{Guid.NewGuid()}", bearer));
        Assert.Equal(404, await JsonRoomSocket.RefusedStatusAsync(factory, "/api/ws/voice/abcdefg", bearer)); // a room id is not a voice channel
        Assert.Equal(401, await JsonRoomSocket.RefusedStatusAsync(factory, scene.ApiPath, authorization: null));
        Assert.Equal(401, await JsonRoomSocket.RefusedStatusAsync(factory, scene.ApiPath + "?access_token=" + member.Token, authorization: null));
        Assert.Equal(401, await TestSocket.RefusedStatusAsync(factory, scene.ApiPath, member.Browser.CookieHeader)); // a cookie is not an API credential
        Assert.Empty(factory.Services.GetRequiredService<PresenceService>().Present(scene.Call));
    }

    [Fact]
    public async Task Refusals_InviteOnlyServer_NonMemberGets404()
    {
        using var scene = await VoiceChannelScene.CreateAsync(factory, inviteOnly: true);
        var outsider = await scene.OutsiderAsync("out");

        Assert.Equal(404, await JsonRoomSocket.RefusedStatusAsync(factory, scene.ApiPath, "Bearer " + outsider.Token));
        Assert.Equal(404, await TestSocket.RefusedStatusAsync(factory, scene.PagePath, outsider.Browser.CookieHeader));
    }

    [Fact]
    public async Task PageSocket_WithCookie_AdmitsMembersWithConnect_AndIsTheSameCallAsTheApis()
    {
        using var scene = await VoiceChannelScene.CreateAsync(factory);
        var ann = await scene.MemberAsync("ann");
        var ben = await scene.MemberAsync("ben");
        var blind = await scene.MemberAsync("bli");
        await scene.DenyAsync(blind, scene.VoiceChannelId, Permissions.ViewChannel);
        var unplugged = await scene.MemberAsync("unp");
        await scene.DenyAsync(unplugged, scene.VoiceChannelId, Permissions.Connect);

        Assert.Equal(404, await TestSocket.RefusedStatusAsync(factory, scene.PagePath, blind.Browser.CookieHeader));
        Assert.Equal(403, await TestSocket.RefusedStatusAsync(factory, scene.PagePath, unplugged.Browser.CookieHeader));
        Assert.Equal(400, await TestSocket.RefusedStatusAsync(factory, $"/ws/voice/{scene.TextChannelId:N}", ann.Browser.CookieHeader));

        // Ann on the page (upper-case hex is the same channel), Ben through the API: one call.
        await using var page = await RawSocket.ConnectAsync(factory, $"/ws/voice/{scene.VoiceChannelId.ToString("N").ToUpperInvariant()}", ann.Browser.CookieHeader, authorization: null);
        await UntilAsync(page, m => Type(m) == "participants");
        await using var api = await JoinAsync(scene, ben);
        var both = await UntilAsync(page, m => Type(m) == "participants" && m.GetProperty("participants").GetArrayLength() == 2);
        Assert.Equal([ann.Name, ben.Name], both.GetProperty("participants").EnumerateArray().Select(p => p.GetProperty("user").GetString()));
        var list = api.Received[0];
        Assert.Equal([ann.IdText, ben.IdText], list.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("user_id").GetString()));
    }

    [Theory]
    [InlineData("{\"type\":\"state\"}", "bad_request")]
    [InlineData("{\"type\":\"state\",\"is_muted\":\"yes\"}", "bad_request")]
    [InlineData("{\"type\":\"state\",\"is_muted\":null}", "bad_request")]
    [InlineData("{\"type\":\"state\",\"muted\":true,\"deafened\":false,\"camera\":false,\"screen\":false}", "bad_request")]
    [InlineData("{\"type\":\"publish\"}", "bad_request")]
    [InlineData("{\"type\":\"subscribe-answer\",\"sdp\":\"v=0\"}", "unexpected_answer")]
    [InlineData("{\"type\":\"offer\",\"target\":\"x\",\"sdp\":\"v=0\"}", "unknown_type")]
    [InlineData("{\"type\":\"state\",\"is_muted\":true,\"x\":\"\\uD800\"}", "bad_json")]
    public async Task BadMessage_GetsAnErrorChangesNothing_AndTheSocketStaysOpen(string frame, string code)
    {
        using var scene = await VoiceChannelScene.CreateAsync(factory);
        var ann = await scene.MemberAsync("ann");
        await using var socket = await JoinAsync(scene, ann);

        await socket.SendTextAsync(frame);

        var error = (await socket.ReceiveUntilAsync(e => JsonRoomSocket.TypeOf(e) == "error"))[^1];
        Assert.Equal(code, JsonRoomSocket.Str(error, "code"));
        Assert.DoesNotContain(socket.Received, e => JsonRoomSocket.TypeOf(e) == "voice.state_changed");
        await socket.SendJsonAsync(new { type = "state", is_deafened = true });
        var changed = (await socket.ReceiveUntilAsync(e => JsonRoomSocket.TypeOf(e) == "voice.state_changed"))[^1];
        Assert.Equal([true, true, false, false], Flags(changed.GetProperty("data")));
        Assert.Equal(WebSocketState.Open, socket.Socket.State);
    }

    [Fact]
    public async Task VoiceChannelEnded_EndsItsCall_ATextChannelEndingTouchesNoCall()
    {
        using var scene = await VoiceChannelScene.CreateAsync(factory);
        var ann = await scene.MemberAsync("ann");
        await using var socket = await JoinAsync(scene, ann);
        var hub = factory.Services.GetRequiredService<RealtimeHub>();
        var presence = factory.Services.GetRequiredService<PresenceService>();

        await hub.PublishAsync(ChannelId.Channel(scene.TextChannelId), new ChannelEnded(ChannelId.Channel(scene.TextChannelId)));
        Assert.Single(presence.Present(scene.Call));

        await hub.PublishAsync(ChannelId.Channel(scene.VoiceChannelId), new ChannelEnded(ChannelId.Channel(scene.VoiceChannelId)));

        Assert.Equal(WebSocketCloseStatus.NormalClosure, await socket.ReceiveCloseAsync());
        Assert.Empty(presence.Present(scene.Call));
    }

    internal static bool[] Flags(JsonElement state) =>
        [.. new[] { "is_muted", "is_deafened", "is_sharing_screen", "is_sharing_webcam" }.Select(f => state.GetProperty(f).GetBoolean())];

    private Task<JsonRoomSocket> ConnectAsync(VoiceChannelScene scene, VoicePerson person) =>
        JsonRoomSocket.ConnectAsync(factory, scene.ApiPath, person.Name, person.Token);

    // Connected, with the arrival's own messages read.
    private async Task<JsonRoomSocket> JoinAsync(VoiceChannelScene scene, VoicePerson person)
    {
        var socket = await ConnectAsync(scene, person);
        await socket.ReceiveUntilAsync(e => JsonRoomSocket.TypeOf(e) == "participants"
            && e.GetProperty("participants").EnumerateArray().Any(p => p.GetProperty("user").GetString() == person.Name));
        return socket;
    }

    private static string Type(JsonElement message) => JsonRoomSocket.TypeOf(message);

    private static async Task<JsonElement> UntilAsync(RawSocket socket, Func<JsonElement, bool> predicate)
    {
        while (true)
        {
            var text = await socket.ReceiveAsync();
            Assert.True(text is not null, "the page's call socket closed");
            var message = JsonDocument.Parse(text).RootElement;
            if (predicate(message))
            {
                return message;
            }
        }
    }
}
